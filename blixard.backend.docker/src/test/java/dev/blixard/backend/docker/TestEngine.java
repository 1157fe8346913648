package dev.blixard.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * The Docker engine the tests run containers on: the one {@code scripts/test-dockerd.sh} runs on its own
 * socket (system property {@code blixard.docker.testSocket}, set by the pom). When nothing answers there and
 * the tests run as root, the fixture starts that engine through the script and stops it again afterwards; an
 * engine it did not start (CI starts one in {@code .ci/run}) is left running. Either way the script makes sure
 * the test image exists. Without root and without an engine the tests fail, saying how to start one.
 */
final class TestEngine extends ExternalResource {

    static final String SOCKET = System.getProperty("blixard.docker.testSocket", "/run/blixard-test-docker/docker.sock");
    static final String IMAGE = System.getProperty("blixard.docker.testImage", "blixard/busybox:test");
    private static final Path SCRIPT = Path.of(System.getProperty("blixard.docker.startScript", "../scripts/test-dockerd.sh"));
    private static final Duration SCRIPT_WAIT = Duration.ofMinutes(2);

    private DockerEngine engine;
    private boolean startedHere;

    String host() {
        return "unix://" + SOCKET;
    }

    DockerClient client() {
        return engine.calls();
    }

    @Override
    protected void before() throws Throwable {
        engine = DockerEngine.connect(host(), Duration.ofSeconds(5), 8);
        boolean answering = answers();
        if (isRoot()) {
            // Also when answering: the script then only builds the test image if it is missing.
            script("start");
            startedHere = !answering;
        } else if (!answering) {
            throw new IllegalStateException("no Docker engine answers on " + SOCKET + " and the tests do not run as root, so "
                    + "they cannot start one: run 'sudo " + SCRIPT + " start' first");
        }
    }

    @Override
    protected void after() {
        engine.close();
        if (startedHere) {
            try {
                script("stop");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("stopping the test dockerd failed", e);
            }
        }
    }

    /** Stops the engine through the script (a test of the engine going away); {@link #start} brings it back. */
    void stop() throws IOException, InterruptedException {
        script("stop");
    }

    void start() throws IOException, InterruptedException {
        script("start");
    }

    /** The containers on the engine labelled with {@code labels}, running or not. */
    List<Container> containers(Map<String, String> labels) {
        return engine.calls().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    private boolean answers() {
        try {
            engine.probe();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        // The script's folder for the socket, pidfile and exec root is the one the socket property names.
        builder.environment().put("BLIXARD_TEST_DOCKER_RUN", Path.of(SOCKET).getParent().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(SCRIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " " + command + " did not finish within " + SCRIPT_WAIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " " + command + " failed with exit code " + process.exitValue());
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}
