package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.blixard.testing.NodeProcess;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The ways {@code blixard run} refuses to start, seen from the shell: exit status and stderr. */
public class StartFailureIT {

    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(20);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public ChildProcesses children = new ChildProcesses();

    @After
    public void stopChildren() {
        children.stopAll();
    }

    @Test
    public void aBadFlagExits2WithTheUsage() throws Exception {
        NodeProcess cli = children.start("run", "--no-such-flag");
        assertEquals(2, cli.awaitExit(EXIT_DEADLINE));
        assertThat(cli.stderr(), startsWith("blixard: unknown option '--no-such-flag'\n\nUsage: blixard run [options]"));
        assertEquals("", cli.stdout());
    }

    @Test
    public void aBadPortExits2WithTheUsage() throws Exception {
        NodeProcess cli = children.start("run", "--http-port", "70000");
        assertEquals(2, cli.awaitExit(EXIT_DEADLINE));
        assertThat(cli.stderr(), startsWith("blixard: --http-port: 70000 is out of range (1-65535)\n\nUsage:"));
    }

    @Test
    public void versionAndHelp() throws Exception {
        NodeProcess version = children.start("--version");
        assertEquals(0, version.awaitExit(EXIT_DEADLINE));
        assertThat(version.stdout(), startsWith("blixard "));
        NodeProcess help = children.start("run", "--help");
        assertEquals(0, help.awaitExit(EXIT_DEADLINE));
        assertThat(help.stdout(), containsString("--http-port N"));
    }

    @Test
    public void aPortInUseExits1WithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            NodeProcess node = children.start("run", "--data-dir", temp.newFolder().toString(),
                    "--http-port", Integer.toString(port));
            assertEquals(1, node.awaitExit(EXIT_DEADLINE));
            assertEquals("blixard: HTTP port " + port + " on 127.0.0.1 is already in use; "
                    + "stop whatever listens there or pick another with --http-port\n", node.stderr());
        }
    }

    @Test
    public void anUnwritableDataDirExits1WithOneLine() throws Exception {
        // Tests may run as root, whom permission bits do not stop; a path below a regular file stops everyone.
        Path file = temp.newFile("not-a-dir").toPath();
        Path dataDir = file.resolve("data");
        NodeProcess node = children.start("run", "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(NodeProcess.freePort()));
        assertEquals(1, node.awaitExit(EXIT_DEADLINE));
        String stderr = node.stderr();
        assertThat(stderr, startsWith("blixard: data dir " + dataDir + " is not usable: "));
        assertEquals("one line: " + stderr, 1, stderr.lines().count());
        assertEquals(false, Files.exists(dataDir));
    }

    @Test
    public void aDataDirThatIsAFileExits1WithOneLine() throws Exception {
        Path file = temp.newFile("data").toPath();
        NodeProcess node = children.start("run", "--data-dir", file.toString(),
                "--http-port", Integer.toString(NodeProcess.freePort()));
        assertEquals(1, node.awaitExit(EXIT_DEADLINE));
        assertEquals("blixard: data dir " + file + " is not usable: " + file + " is not a directory\n", node.stderr());
    }
}
