package dev.blixard.integration.osgi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine of {@code scripts/test-dockerd.sh} for the OSGi tests, spoken to over its Unix socket with
 * plain HTTP (the probe has no Docker client: docker-java lives inside the backend's bundle). {@link #ensure}
 * starts the engine through the script when nothing answers and the tests run as root, and stops only an engine
 * it started, when the test JVM exits (CI's {@code .ci/run} starts one of its own and stops it).
 */
final class TestDockerd {

    /** Set by Surefire, with the defaults of the script. */
    static final Path SOCKET = Path.of(System.getProperty("blixard.docker.testSocket", "/run/blixard-test-docker/docker.sock"));
    static final String IMAGE = System.getProperty("blixard.docker.testImage", "blixard/busybox:test");
    private static final String SCRIPT = System.getProperty("blixard.docker.startScript", "../../scripts/test-dockerd.sh");

    private TestDockerd() {
    }

    /**
     * Makes sure the engine answers, starting it when needed; an engine started here is stopped when this JVM
     * exits (Pax Exam runs a class's {@code @AfterClass} after each of its methods, so that is no place for it).
     */
    static void ensure() throws IOException, InterruptedException {
        boolean answering = answers();
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (!answering && !root) {
            throw new IllegalStateException("no Docker engine answers on " + SOCKET + " and the tests do not run as root: "
                    + "run 'sudo " + SCRIPT + " start' first");
        }
        if (root) {
            script("start"); // when answering, this only builds the test image if it is missing
        }
        if (!answering) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDockerd::stop, "blixard-test-dockerd-stop"));
        }
    }

    private static void stop() {
        try {
            script("stop");
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping the test dockerd failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the engine answers its ping */
    static boolean answers() {
        try {
            return get("/_ping").endsWith("OK");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** @return the ids (JSON) of the containers, running or not, labelled {@code label=value} */
    static String containersLabelled(String label, String value) {
        String filters = "{\"label\":[\"" + label + "=" + value + "\"]}";
        return get("/containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8));
    }

    /** One GET over HTTP/1.0 (the engine closes the connection after the answer); returns the body. */
    private static String get(String pathAndQuery) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(SOCKET))) {
            channel.write(ByteBuffer.wrap(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        } catch (IOException e) {
            throw new UncheckedIOException("the engine on " + SOCKET + " did not answer GET " + pathAndQuery, e);
        }
    }

    private static void script(String command) throws IOException, InterruptedException {
        Process script = new ProcessBuilder(SCRIPT, command).inheritIO().start();
        if (!script.waitFor(2, TimeUnit.MINUTES) || script.exitValue() != 0) {
            script.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " " + command + " failed or took longer than 2 minutes");
        }
    }
}
