package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.blixard.testing.NodeProcess;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Runs the packaged {@code blixard.jar} as a real node and checks it from the outside. */
public class NodeIT {

    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(15);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public ChildProcesses children = new ChildProcesses();

    private Path dataDir;
    private int port;
    private String baseUrl;

    @Before
    public void chooseDirAndPort() throws IOException {
        dataDir = temp.getRoot().toPath().resolve("data");
        port = NodeProcess.freePort();
        baseUrl = "http://127.0.0.1:" + port;
    }

    @After
    public void stopChildren() {
        children.stopAll();
    }

    @Test
    public void theConsoleOnlyLetsInAdminWithTheToken() throws Exception {
        NodeProcess node = startNode();
        node.awaitBanner();

        Path tokenFile = dataDir.resolve("admin.token");
        String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tokenFile)));
        assertThat(node.stdout(), containsString("  console      " + baseUrl + "/system/console"));
        assertThat(node.stdout(), containsString("  admin token  " + tokenFile));

        assertEquals(401, NodeProcess.get(baseUrl + "/system/console/bundles", null).statusCode());
        assertEquals(401, NodeProcess.get(baseUrl + "/system/console/bundles", "admin:admin").statusCode());
        assertEquals(401, NodeProcess.get(baseUrl + "/system/console/bundles", "root:" + token).statusCode());
        assertEquals(200, NodeProcess.get(baseUrl + "/system/console/bundles", "admin:" + token).statusCode());
        int rootStatus = NodeProcess.get(baseUrl + "/system/console", "admin:" + token).statusCode();
        assertTrue("console root answers " + rootStatus, rootStatus == 200 || rootStatus == 302);
    }

    /** What the node logs (once) for a jar in deploy/ that is no bundle: core's plugin problem report. */
    private static final String BROKEN_JAR_LINE = "Plugin x.jar is broken (NOT_INSTALLED): not installed from";

    @Test
    public void bundlesInDeployAreStartedAndUninstalledAndBrokenJarsOnlyLogged() throws Exception {
        NodeProcess node = startNode();
        node.awaitBanner();
        String credentials = "admin:" + Files.readString(dataDir.resolve("admin.token")).trim();
        Path deploy = dataDir.resolve("deploy");

        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        dropInto(deploy, "x.jar", junk);
        node.await("a log line about the broken jar", DEPLOY_DEADLINE,
                () -> node.stdout().contains(BROKEN_JAR_LINE));

        dropInto(deploy, "tiny.jar", tinyBundle("it.tiny.bundle"));
        String bundleJson = baseUrl + "/system/console/bundles/it.tiny.bundle.json";
        node.await("it.tiny.bundle to be ACTIVE", DEPLOY_DEADLINE,
                () -> answers(bundleJson, credentials, 200, "\"state\":\"Active\""));

        Files.delete(deploy.resolve("tiny.jar"));
        node.await("it.tiny.bundle to be uninstalled", DEPLOY_DEADLINE,
                () -> answers(bundleJson, credentials, 404, ""));

        assertTrue("the node keeps running", node.process().isAlive());
        assertEquals(200, get(baseUrl + "/system/console/bundles.json", credentials).statusCode());
        assertThat(Files.readString(dataDir.resolve("logs/blixard.log")), containsString(BROKEN_JAR_LINE));
    }

    @Test
    public void sigtermStopsTheNodeCleanlyAndExitsZeroWithinTenSeconds() throws Exception {
        NodeProcess node = startNode();
        node.awaitBanner();

        long start = System.nanoTime();
        node.terminate();
        int status = node.awaitExit(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("exit status\n" + node.describe(), 0, status);
        assertTrue("stopped in " + took.toMillis() + " ms", took.compareTo(Duration.ofSeconds(10)) < 0);
        assertThat(node.stdout(), containsString("Received SIGTERM, stopping the node"));
        assertThat(node.stderr(), not(containsString("Exception")));
    }

    @Test
    public void sigtermDuringTheStartAlsoExitsZero() throws Exception {
        NodeProcess node = startNode();
        // The signal handlers are in place before this line is printed; the framework is still booting.
        node.await("the first output", NodeProcess.START_DEADLINE, () -> node.stdout().contains("Created the admin token"));

        node.terminate();
        assertEquals("exit status\n" + node.describe(), 0, node.awaitExit(Duration.ofSeconds(10)));
    }

    @Test
    public void aSecondNodeOnTheSameDataDirExitsWithOneLine() throws Exception {
        NodeProcess first = startNode();
        first.awaitHttp(baseUrl + "/");

        NodeProcess second = children.start("run", "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(NodeProcess.freePort()));
        assertEquals(1, second.awaitExit(Duration.ofSeconds(20)));
        assertEquals("blixard: data dir " + dataDir + " is in use by another blixard node (pid "
                + first.process().pid() + ")\n", second.stderr());
        assertTrue("the first node is unaffected", first.process().isAlive());
    }

    @Test
    public void configurationInEtcReachesConfigAdminAndStateSurvivesARestart() throws Exception {
        Files.createDirectories(dataDir.resolve("etc"));
        Files.writeString(dataDir.resolve("etc/it.settings.cfg"), "greeting = hello\n");
        NodeProcess first = startNode();
        first.awaitBanner();
        String token = Files.readString(dataDir.resolve("admin.token")).trim();
        String nodeId = Files.readString(dataDir.resolve("node.id")).trim();
        String configurations = baseUrl + "/system/console/status-Configurations.txt";
        first.await("it.settings in Config Admin", DEPLOY_DEADLINE,
                () -> answers(configurations, "admin:" + token, 200, "PID = it.settings\n")
                        && answers(configurations, "admin:" + token, 200, "greeting = hello"));
        first.terminate();
        assertEquals(0, first.awaitExit(Duration.ofSeconds(10)));

        NodeProcess second = startNode();
        second.awaitBanner();
        assertEquals(token, Files.readString(dataDir.resolve("admin.token")).trim());
        assertThat(second.stdout(), containsString("  node id      " + nodeId));
        assertThat(second.stdout(), containsString("Reused the bundle cache"));
        assertThat(second.stdout(), not(containsString("Created the admin token")));
        assertEquals(200, get(baseUrl + "/system/console/bundles", "admin:" + token).statusCode());
    }

    private NodeProcess startNode() throws IOException {
        return children.start("run", "--data-dir", dataDir.toString(), "--http-port", Integer.toString(port));
    }

    private static HttpResponse<String> get(String url, String credentials) throws IOException {
        return NodeProcess.get(url, credentials);
    }

    /** For polling: a failed request counts as "not yet". */
    private static boolean answers(String url, String credentials, int status, String bodyPart) {
        try {
            HttpResponse<String> response = NodeProcess.get(url, credentials);
            return response.statusCode() == status && response.body().contains(bodyPart);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the file next to the target and renames it in, as a deployment tool would: no half-written jar. */
    private static void dropInto(Path dir, String name, byte[] content) throws IOException {
        Path staging = Files.createTempFile(dir.getParent(), name, ".part");
        Files.write(staging, content);
        Files.move(staging, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] tinyBundle(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = bytes; JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }
}
