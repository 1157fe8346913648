package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.OptionalInt;
import org.junit.Test;

/** The cluster options of {@code blixard run}: --raft-port and --peers. */
public class ClusterOptionsTest {
    private static final String PEERS = "n1=127.0.0.1:9001,n2=10.0.0.2:9002,n3=[::1]:9003";

    @Test
    public void aNodeAloneHasNoPeersAndAnAutomaticRaftPort() throws Exception {
        RunOptions options = run();
        assertTrue(options.peers().isEmpty());
        assertEquals(OptionalInt.empty(), options.raftPort());
        assertEquals("", options.peersProperty());
    }

    @Test
    public void aMemberTakesItsRaftPortFromItsOwnEntry() throws Exception {
        RunOptions options = run("--node-id", "n2", "--peers", PEERS);
        assertEquals(List.of(new RunOptions.Peer("n1", "127.0.0.1", 9001), new RunOptions.Peer("n2", "10.0.0.2", 9002),
                new RunOptions.Peer("n3", "[::1]", 9003)), options.peers());
        assertEquals(OptionalInt.of(9002), options.raftPort());
        assertEquals("10.0.0.2", options.self().orElseThrow().host());
        assertEquals(PEERS, options.peersProperty());
    }

    @Test
    public void aMatchingRaftPortIsAccepted() throws Exception {
        assertEquals(OptionalInt.of(9001), run("--node-id=n1", "--raft-port=9001", "--peers=" + PEERS).raftPort());
        assertEquals(OptionalInt.of(9100), run("--raft-port", "9100").raftPort());
    }

    @Test
    public void inconsistentClusterOptionsAreUsageErrors() {
        assertUsage("--peers needs --node-id to say which member this node is", "--peers", PEERS);
        assertUsage("--peers does not list this node 'n9'", "--node-id", "n9", "--peers", PEERS);
        assertUsage("--raft-port 9999 differs from port 9001 of 'n1' in --peers", "--node-id", "n1", "--raft-port",
                "9999", "--peers", PEERS);
        assertUsage("--peers: 'n1' is not ID=HOST:PORT", "--node-id", "n1", "--peers", "n1");
        assertUsage("--peers: '' is not ID=HOST:PORT", "--node-id", "n1", "--peers", "n1=h:1,");
        assertUsage("--peers: node 'n1' is listed twice", "--node-id", "n1", "--peers", "n1=h:1,n1=h:2");
        assertUsage("--peers: 70000 is out of range (1-65535)", "--node-id", "n1", "--peers", "n1=h:70000");
        assertUsage("--raft-port: 'x' is not a port number (1-65535)", "--raft-port", "x");
    }

    @Test
    public void theHelpDocumentsTheClusterOptions() {
        String help = CommandLine.runUsage();
        assertTrue(help, help.contains("--raft-port N"));
        assertTrue(help, help.contains("--peers ID=HOST:PORT,..."));
    }

    private static RunOptions run(String... args) throws UsageException {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return ((Command.Run) CommandLine.parse(all)).options();
    }

    private static void assertUsage(String message, String... args) {
        try {
            run(args);
            fail("accepted: " + String.join(" ", args));
        } catch (UsageException e) {
            assertEquals(message, e.getMessage());
        }
    }
}
