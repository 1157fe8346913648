package dev.blixard.store.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A group of store members, each in a child JVM of its own, on loopback ports, with its data directory
 * and log under {@code root}. One member is a one-node group started without peers, the embedded
 * default. Members can be killed ({@code kill -9}) and restarted from their directory.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Path root;
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<String> options;
    private final List<String> jvmOptions;
    private final AtomicReferenceArray<NodeProcess> nodes;

    private LocalCluster(Path root, int size, List<String> options, List<String> jvmOptions) throws IOException {
        this.root = root;
        this.options = List.copyOf(options);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.nodes = new AtomicReferenceArray<>(size);
        for (int i = 1; i <= size; i++) {
            ids.add("n" + i);
            ports.add(freePort());
        }
    }

    /**
     * Starts {@code size} members and waits until each runs (not until a leader is elected).
     *
     * @param options extra {@code key=value} arguments of every member, such as {@code snapshot-threshold=50}
     * @param jvmOptions options of every member's JVM
     */
    public static LocalCluster start(Path root, int size, List<String> options, List<String> jvmOptions)
            throws IOException {
        LocalCluster cluster = new LocalCluster(root, size, options, jvmOptions);
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            for (int i = 0; i < size; i++) {
                cluster.node(i).awaitReady(START_DEADLINE);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.length();
    }

    /** The member at {@code index}; it may have died since. */
    public NodeProcess node(int index) {
        NodeProcess node = nodes.get(index);
        if (node == null) {
            throw new IllegalStateException("member " + ids.get(index) + " was never started");
        }
        return node;
    }

    public boolean isAlive(int index) {
        NodeProcess node = nodes.get(index);
        return node != null && node.isAlive();
    }

    public Path directory(int index) {
        return root.resolve(ids.get(index));
    }

    public Path log(int index) {
        return root.resolve(ids.get(index) + ".log");
    }

    /** {@code kill -9} of a member. */
    public void kill(int index) {
        node(index).kill();
    }

    /** Starts a member (again) from its data directory and waits until it runs. */
    public NodeProcess restart(int index) throws IOException {
        return launch(index).awaitReady(START_DEADLINE);
    }

    private NodeProcess launch(int index) throws IOException {
        NodeProcess previous = nodes.get(index);
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException("member " + ids.get(index) + " is still running");
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("dir=" + directory(index));
        arguments.add("port=" + ports.get(index));
        if (size() > 1) {
            arguments.add("peers=" + peers());
        }
        arguments.addAll(options);
        NodeProcess node = NodeProcess.launch(ids.get(index), arguments, jvmOptions, log(index));
        nodes.set(index, node);
        return node;
    }

    /**
     * Waits until the living members agree on a leader among them.
     *
     * @return the leader's index
     */
    public int awaitLeader(Duration deadline) {
        int[] leader = {-1};
        await("the living members to agree on a leader", deadline, () -> {
            leader[0] = agreedLeader().orElse(-1);
            return leader[0] >= 0;
        });
        return leader[0];
    }

    /** The leader every living member names, if they agree and it is alive. */
    public Optional<Integer> agreedLeader() {
        String named = null;
        for (int i = 0; i < size(); i++) {
            if (!isAlive(i)) {
                continue;
            }
            NodeStatus status;
            try {
                status = node(i).status();
            } catch (RuntimeException deadMeanwhile) {
                return Optional.empty();
            }
            if (status.leader() == null || (named != null && !named.equals(status.leader()))) {
                return Optional.empty();
            }
            named = status.leader();
        }
        int index = named == null ? -1 : ids.indexOf(named);
        return index >= 0 && isAlive(index) ? Optional.of(index) : Optional.empty();
    }

    /**
     * Waits until every living member has applied the same index, at least {@code atLeast}, and it is the
     * commit index they know: nothing more is on its way.
     */
    public void awaitConverged(long atLeast, Duration deadline) {
        await("the living members to apply the same index (at least " + atLeast + ")", deadline, () -> {
            List<NodeStatus> statuses = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (isAlive(i)) {
                    statuses.add(node(i).status());
                }
            }
            long applied = statuses.get(0).appliedIndex();
            return applied >= atLeast && statuses.stream().allMatch(
                    status -> status.appliedIndex() == applied && status.commitIndex() == applied);
        });
    }

    /** Every member's status, for failure messages. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!isAlive(i)) {
                lines.add(ids.get(i) + ": down");
                continue;
            }
            try {
                lines.add(node(i).status().toString());
            } catch (RuntimeException e) {
                lines.add(ids.get(i) + ": " + e.getMessage());
            }
        }
        return String.join("; ", lines);
    }

    /** Asks every living member to close cleanly (killing any that does not within the deadline). */
    public void stopAll(Duration deadline) {
        for (int i = 0; i < size(); i++) {
            if (isAlive(i)) {
                node(i).stop(deadline);
            }
        }
    }

    /** Kills whatever still runs: the end of a test, whatever happened. */
    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            NodeProcess node = nodes.get(i);
            if (node != null) {
                tails.append(node.logTail());
            }
        }
        return tails.toString();
    }

    @Override
    public void close() {
        for (int i = 0; i < size(); i++) {
            NodeProcess node = nodes.get(i);
            if (node != null) {
                node.close();
            }
        }
    }

    private String peers() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            members.add(ids.get(i) + "=127.0.0.1:" + ports.get(i));
        }
        return members.stream().collect(Collectors.joining(","));
    }

    /** Polls {@code condition} until it holds, failing with {@code what} and the members' state at the deadline. */
    public void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what
                        + "; members: " + describe() + logTails());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
