package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class CommandLineTest {

    @Test
    public void runWithoutOptionsUsesTheDefaults() throws Exception {
        RunOptions options = run();
        assertEquals(Path.of("blixard-data"), options.dataDir());
        assertEquals(7070, options.httpPort());
        assertEquals("127.0.0.1", options.bindAddress());
        assertEquals(Optional.empty(), options.nodeId());
    }

    @Test
    public void runTakesEveryOptionInBothSpellings() throws Exception {
        RunOptions options = run("--data-dir", "/var/lib/blixard", "--http-port=8080", "--bind", "0.0.0.0",
                "--node-id=n1");
        assertEquals(Path.of("/var/lib/blixard"), options.dataDir());
        assertEquals(8080, options.httpPort());
        assertEquals("0.0.0.0", options.bindAddress());
        assertEquals(Optional.of("n1"), options.nodeId());
    }

    @Test
    public void runCanLeaveBackendBundlesOutButNothingElse() throws Exception {
        assertEquals(java.util.Set.of(), run().withoutBundles());
        assertEquals(java.util.Set.of("blixard.backend.wasm", "blixard.backend.vm"),
                run("--without", "blixard.backend.wasm, blixard.backend.vm").withoutBundles());
        assertUsageError("--without: 'blixard.core' is not a backend bundle (blixard.backend.NAME); the other runtime "
                + "bundles are part of every node", CommandLine.runUsage(), "run", "--without", "blixard.core");
        assertUsageError("--without: '' is not a backend bundle (blixard.backend.NAME); the other runtime "
                + "bundles are part of every node", CommandLine.runUsage(), "run", "--without", "blixard.backend.wasm,");
    }

    @Test
    public void portBoundsAreAccepted() throws Exception {
        assertEquals(1, run("--http-port", "1").httpPort());
        assertEquals(65535, run("--http-port", "65535").httpPort());
    }

    @Test
    public void helpAndVersion() throws Exception {
        assertThat(CommandLine.parse("--help"), instanceOf(Command.ShowHelp.class));
        assertThat(CommandLine.parse("-h"), instanceOf(Command.ShowHelp.class));
        assertThat(CommandLine.parse("help"), instanceOf(Command.ShowHelp.class));
        assertThat(CommandLine.parse("--version"), instanceOf(Command.ShowVersion.class));
        assertThat(CommandLine.parse("-V"), instanceOf(Command.ShowVersion.class));
        assertEquals(CommandLine.runUsage(), ((Command.ShowHelp) CommandLine.parse("run", "--help")).text());
        assertEquals(CommandLine.runUsage(), ((Command.ShowHelp) CommandLine.parse("help", "run")).text());
        // --help wins over values that would not validate
        assertThat(CommandLine.parse("run", "--http-port", "x", "-h"), instanceOf(Command.ShowHelp.class));
    }

    @Test
    public void helpDocumentsEveryOption() {
        for (OptionSpec spec : CommandLine.RUN_OPTIONS) {
            assertThat(CommandLine.runUsage(), containsString(spec.synopsis()));
        }
        for (OptionSpec spec : CommandLine.GLOBAL_OPTIONS) {
            assertThat(CommandLine.mainUsage(), containsString(spec.synopsis()));
        }
    }

    @Test
    public void clientCommandsAreHandedToTheClientWithAllTheirArguments() throws Exception {
        Command command = CommandLine.parse("jobs", "--status", "Failed", "--run-after");
        assertThat(command, instanceOf(Command.Client.class));
        assertEquals(List.of("jobs", "--status", "Failed", "--run-after"),
                List.of(((Command.Client) command).args()));
        assertThat(((Command.ShowHelp) CommandLine.parse("help", "submit")).text(),
                startsWith("Usage: blixard submit [PAYLOAD|-] [options]"));
        for (String name : new String[] {"submit", "jobs", "job", "cancel", "retry", "workers", "stats", "cluster",
                "token", "health"}) {
            assertThat(CommandLine.mainUsage(), containsString("\n  " + name + " "));
        }
    }

    @Test
    public void noCommand() {
        assertUsageError("no command given", CommandLine.mainUsage());
    }

    @Test
    public void unknownCommand() {
        assertUsageError("unknown command 'start'", CommandLine.mainUsage(), "start");
    }

    @Test
    public void unknownGlobalOption() {
        assertUsageError("unknown option '--verbose'", CommandLine.mainUsage(), "--verbose");
    }

    @Test
    public void helpForAnUnknownTopic() {
        assertUsageError("no help for 'stop'", CommandLine.mainUsage(), "help", "stop");
    }

    @Test
    public void unknownRunOption() {
        assertUsageError("unknown option '--raft'", CommandLine.runUsage(), "run", "--raft=9000");
        assertUsageError("unknown option '-p'", CommandLine.runUsage(), "run", "-p", "80");
    }

    @Test
    public void unexpectedArgument() {
        assertUsageError("unexpected argument 'now'", CommandLine.runUsage(), "run", "now");
    }

    @Test
    public void missingValue() {
        assertUsageError("option --http-port needs a value (N)", CommandLine.runUsage(), "run", "--http-port");
        assertUsageError("option --data-dir needs a value (DIR)", CommandLine.runUsage(), "run", "--data-dir",
                "--http-port", "80");
    }

    @Test
    public void flagWithValue() {
        assertUsageError("option --help takes no value", CommandLine.runUsage(), "run", "--help=yes");
    }

    @Test
    public void optionGivenTwice() {
        assertUsageError("option --http-port is given more than once", CommandLine.runUsage(), "run",
                "--http-port", "80", "--http-port=81");
    }

    @Test
    public void portThatIsNotANumber() {
        assertUsageError("--http-port: 'http' is not a port number (1-65535)", CommandLine.runUsage(), "run",
                "--http-port", "http");
        assertUsageError("--http-port: '' is not a port number (1-65535)", CommandLine.runUsage(), "run",
                "--http-port=");
    }

    @Test
    public void portOutOfRange() {
        assertUsageError("--http-port: 0 is out of range (1-65535)", CommandLine.runUsage(), "run", "--http-port", "0");
        assertUsageError("--http-port: 65536 is out of range (1-65535)", CommandLine.runUsage(), "run",
                "--http-port", "65536");
        assertUsageError("--http-port: -1 is out of range (1-65535)", CommandLine.runUsage(), "run",
                "--http-port=-1");
    }

    @Test
    public void emptyDataDir() {
        assertUsageError("--data-dir: the directory must not be empty", CommandLine.runUsage(), "run", "--data-dir=");
    }

    @Test
    public void invalidDataDir() {
        assertUsageError("--data-dir: 'a\0b' is not a valid path", CommandLine.runUsage(), "run", "--data-dir", "a\0b");
    }

    @Test
    public void unknownBindAddress() {
        assertUsageError("--bind: 'no-such-host.invalid' is not a known address", CommandLine.runUsage(), "run",
                "--bind", "no-such-host.invalid");
        assertUsageError("--bind: the address must not be empty", CommandLine.runUsage(), "run", "--bind=");
    }

    @Test
    public void invalidNodeId() {
        for (String bad : new String[] {"", "-leading-dash", "has space", "x".repeat(65), "a/b"}) {
            try {
                CommandLine.parse("run", "--node-id=" + bad);
                fail("accepted node id '" + bad + "'");
            } catch (UsageException e) {
                assertThat(e.getMessage(), startsWith("--node-id: '" + bad + "' is not a valid id"));
            }
        }
    }

    @Test
    public void mainPrintsOneLineAndTheUsageOnStderrAndExits2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "--http-port", "x"}, print(out), print(err));
        assertEquals(Main.EXIT_USAGE, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n", 2);
        assertEquals("blixard: --http-port: 'x' is not a port number (1-65535)", lines[0]);
        assertEquals("\n" + CommandLine.runUsage(), lines[1]);
    }

    @Test
    public void mainPrintsTheVersion() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(Main.EXIT_OK, Main.run(new String[] {"--version"}, print(out), print(new ByteArrayOutputStream())));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("blixard \\S+\n"));
    }

    private static RunOptions run(String... options) throws UsageException {
        String[] args = new String[options.length + 1];
        args[0] = "run";
        System.arraycopy(options, 0, args, 1, options.length);
        return ((Command.Run) CommandLine.parse(args)).options();
    }

    private static void assertUsageError(String message, String usage, String... args) {
        try {
            CommandLine.parse(args);
            fail("accepted " + String.join(" ", args));
        } catch (UsageException e) {
            assertEquals(message, e.getMessage());
            assertEquals(usage, e.usage());
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
