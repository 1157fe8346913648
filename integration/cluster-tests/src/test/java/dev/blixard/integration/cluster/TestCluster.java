package dev.blixard.integration.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeProcess;
import dev.blixard.testing.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A cluster of real node processes ({@code n1}, {@code n2}, ... with their own data directories under
 * {@link WorkDirs#ROOT}{@code /NAME/}, free HTTP and Raft ports), on loopback or each in a network namespace
 * of its own ({@link NodeHost}). Nodes can be killed with SIGKILL and
 * restarted on their data directories, and members added. Every node runs the mock backend, with short
 * leases (3 s) so that the jobs of a killed node come back quickly. {@link #close()} kills every live node.
 */
final class TestCluster implements AutoCloseable {
    /** How long a leader may take to appear after a start or a kill (the election timeout is 1 to 2 s). */
    static final Duration ELECTION_DEADLINE = Duration.ofSeconds(30);

    /** Short leases and heartbeats: a killed node's jobs are taken back within seconds, not the default 30 s. */
    private static final String AGENT_CONFIG = "lease.ms=3000\nheartbeat.ms=1000\n";
    private static final String QUEUE_CONFIG = "worker.timeout.ms=5000\n";

    /** One member: its id, where it runs, its ports and directory (kept across restarts). */
    record Member(String id, NodeHost host, int httpPort, int raftPort, Path dir) {
        String peer() {
            return id + "=" + host.address() + ":" + raftPort;
        }
    }

    /**
     * Where a member runs: the address its HTTP and Raft endpoints listen on (and are reached at), and what
     * starts its JVM there (empty: started directly).
     */
    record NodeHost(String address, List<String> commandPrefix) {
        /** Loopback of this machine's network namespace, as every test but the partition test has it. */
        static final NodeHost LOOPBACK = new NodeHost(BlixardNode.LOOPBACK, List.of());

        NodeHost {
            commandPrefix = List.copyOf(commandPrefix);
        }
    }

    private final Path root;
    /** Configuration files written into every node's {@code DIR/etc/}: file name to content. */
    private final Map<String, String> etcFiles;
    /** Where each member runs, by id. */
    private final Function<String, NodeHost> hosts;
    /** Sorted by id; concurrent, because a job load reads the live nodes while the test restarts some. */
    private final Map<String, Member> members = new ConcurrentSkipListMap<>();
    private final Map<String, BlixardNode> nodes = new ConcurrentSkipListMap<>();

    private TestCluster(Path root, Map<String, String> etcFiles, Function<String, NodeHost> hosts) {
        this.root = root;
        this.etcFiles = etcFiles;
        this.hosts = hosts;
    }

    /** Starts {@code size} members and waits until every one is ready (a leader, its admin token registered). */
    static TestCluster start(String name, int size) throws IOException, InterruptedException {
        return start(name, size, Map.of());
    }

    /**
     * As {@link #start(String, int)}, with more configuration files in every node's {@code etc/}
     * ({@code blixard.backend.mock.cfg}, say); a file named like a default one replaces it.
     */
    static TestCluster start(String name, int size, Map<String, String> moreEtcFiles)
            throws IOException, InterruptedException {
        TestCluster cluster = define(name, size, moreEtcFiles, id -> NodeHost.LOOPBACK);
        try {
            for (String id : cluster.members.keySet()) {
                cluster.launch(id);
            }
            for (BlixardNode node : cluster.nodes.values()) {
                node.awaitReady();
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Defines {@code size} members {@code n1}... in {@code ROOT/name/}, each running where {@code hosts} says,
     * and starts none of them: {@link #launch(String)} does, one by one.
     */
    static TestCluster define(String name, int size, Map<String, String> moreEtcFiles,
            Function<String, NodeHost> hosts) throws IOException {
        Map<String, String> etc = new HashMap<>(Map.of("blixard.agent.cfg", AGENT_CONFIG,
                "blixard.core.cfg", QUEUE_CONFIG));
        etc.putAll(moreEtcFiles);
        TestCluster cluster = new TestCluster(WorkDirs.fresh(name), Map.copyOf(etc), hosts);
        for (int i = 1; i <= size; i++) {
            cluster.define("n" + i);
        }
        return cluster;
    }

    /** Starts the defined member {@code id} for the first time (the peers: every member defined), not waiting for it to be ready. */
    BlixardNode launch(String id) throws IOException, InterruptedException {
        if (nodes.containsKey(id)) {
            throw new AssertionError(id + " was launched already");
        }
        Member member = members.get(id);
        if (member == null) {
            throw new AssertionError("no member " + id + " in " + members.keySet());
        }
        return launch(member, peers());
    }

    private Member define(String id) throws IOException {
        Member member = new Member(id, hosts.apply(id), NodeProcess.freePort(), NodeProcess.freePort(), root.resolve(id));
        Path etc = Files.createDirectories(member.dir().resolve("data").resolve("etc"));
        for (Map.Entry<String, String> file : etcFiles.entrySet()) {
            Files.writeString(etc.resolve(file.getKey()), file.getValue());
        }
        members.put(id, member);
        return member;
    }

    private BlixardNode launch(Member member, String peers) throws IOException, InterruptedException {
        BlixardNode node = BlixardNode.launch(member.dir(), member.host().address(), member.httpPort(),
                member.host().commandPrefix(), "--node-id", member.id(), "--peers", peers);
        nodes.put(member.id(), node);
        return node;
    }

    /** @return {@code n1=127.0.0.1:P1,...}: every member defined so far */
    String peers() {
        return members.values().stream().map(Member::peer).collect(Collectors.joining(","));
    }

    /** @return the node {@code id}, alive or not */
    BlixardNode node(String id) {
        BlixardNode node = nodes.get(id);
        if (node == null) {
            throw new AssertionError("no node " + id + " in " + nodes.keySet());
        }
        return node;
    }

    Member member(String id) {
        return members.get(id);
    }

    /** @return the nodes whose processes run */
    List<BlixardNode> live() {
        return nodes.values().stream().filter(BlixardNode::isAlive).toList();
    }

    /** @return the ids of the nodes whose processes run */
    List<String> liveIds() {
        return nodes.entrySet().stream().filter(entry -> entry.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    /** @return {@code GET /api/cluster} of {@code id} */
    JsonNode clusterView(String id) {
        return node(id).api().getJson("/api/cluster");
    }

    /** @return the leader a live node knows of now, if any */
    Optional<String> currentLeader() {
        for (BlixardNode node : live()) {
            try {
                JsonNode leader = node.api().getJson("/api/cluster").path("leader_id");
                if (leader.isTextual()) {
                    return Optional.of(leader.asText());
                }
            } catch (RuntimeException | AssertionError notNow) {
                // Starting, or just killed: ask the next one.
            }
        }
        return Optional.empty();
    }

    /** Waits until every live node names the same leader, which {@code acceptable} accepts, and returns it. */
    String awaitLeader(Predicate<String> acceptable) throws InterruptedException {
        BlixardNode anyLive = live().get(0);
        return anyLive.poll("one leader known to every live node", ELECTION_DEADLINE, this::agreedLeader,
                leader -> leader.isPresent() && acceptable.test(leader.get())).orElseThrow();
    }

    private Optional<String> agreedLeader() {
        String agreed = null;
        for (BlixardNode node : live()) {
            JsonNode leader;
            try {
                leader = node.api().getJson("/api/cluster").path("leader_id");
            } catch (RuntimeException | AssertionError notNow) {
                return Optional.empty();
            }
            if (!leader.isTextual() || agreed != null && !agreed.equals(leader.asText())) {
                return Optional.empty();
            }
            agreed = leader.asText();
        }
        return Optional.ofNullable(agreed);
    }

    /** Kills {@code id} with SIGKILL. */
    void kill(String id) throws InterruptedException {
        node(id).kill();
    }

    /** Starts {@code id} again on its data directory and ports (with the current peers) and waits until it is ready. */
    BlixardNode restart(String id) throws IOException, InterruptedException {
        BlixardNode node = relaunch(id);
        node.awaitReady();
        return node;
    }

    /** Starts {@code id} again on its data directory and ports, without waiting for it to be ready. */
    BlixardNode relaunch(String id) throws IOException, InterruptedException {
        if (node(id).isAlive()) {
            throw new AssertionError(id + " still runs");
        }
        return launch(members.get(id), peers());
    }

    /**
     * Starts a new node {@code id} with the current members plus itself as peers, not yet a member of the
     * group: it becomes one when the group adds it ({@code cluster add}).
     */
    BlixardNode launchNew(String id) throws IOException, InterruptedException {
        if (members.containsKey(id)) {
            throw new AssertionError(id + " exists already");
        }
        return launch(define(id), peers());
    }

    /** @return the processes' output of every node, for failure messages */
    String describe() {
        List<String> parts = new ArrayList<>();
        nodes.forEach((id, node) -> parts.add("===== " + id + " =====\n" + node.describe()));
        return String.join("\n", parts);
    }

    /**
     * Kills every live node: the tests are done with them, and a member whose peers are gone can take most of
     * its 10 s shutdown deadline to stop gracefully (graceful stops are the launcher tests' subject).
     */
    @Override
    public void close() {
        for (BlixardNode node : nodes.values()) {
            try {
                node.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.close();
            }
        }
    }
}
