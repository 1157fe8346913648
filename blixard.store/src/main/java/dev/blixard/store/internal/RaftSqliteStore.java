package dev.blixard.store.internal;

import dev.blixard.store.ApplyListener;
import dev.blixard.store.Consistency;
import dev.blixard.store.Member;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.SqlReader;
import dev.blixard.store.StatementFailedException;
import dev.blixard.store.StoreException;
import dev.blixard.store.StoreStatus;
import dev.blixard.store.StoreUnavailableException;
import dev.blixard.store.WriteBatch;
import dev.blixard.store.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.thirdparty.io.netty.util.concurrent.FastThreadLocal;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of the Raft group that replicates the SQLite database: the Ratis server with its state machine,
 * the client its writes go through (to the leader, wherever it is), and the group committer in front.
 *
 * <p>Transport: gRPC. Ratis's Netty transport failed intermittently with one client shared by many threads
 * here (see TOOLING.md), and one shared client is exactly how the group committer works.
 */
final class RaftSqliteStore implements ReplicatedDatabase, AutoCloseable {
    /** Every Blixard cluster is one Raft group; multi-group sharding would give each queue its own id. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(
            UUID.nameUUIDFromBytes("blixard-store".getBytes(StandardCharsets.UTF_8)));

    private static final Logger LOG = LoggerFactory.getLogger(RaftSqliteStore.class);
    /** How often a member checks whether it knows a leader. */
    private static final long LEADER_WATCH_MILLIS = 100;
    /** Closed log segments whose entries stay on the heap (see serverProperties). */
    private static final int CACHED_LOG_SEGMENTS = 1;

    private final StoreSettings settings;
    private final RaftPeerId self;
    /** Writes and read-index rounds handed straight to this member's own server. */
    private final LocalRequests local;
    private final SqliteStateMachine stateMachine;
    private final SqliteReplica replica;
    private final ExecutorService admin;
    /** Watches whether this member knows a leader (see {@link #watchLeader}); also closes retired clients. */
    private final ScheduledExecutorService watch;
    /** Completed once this member first knows a leader (and its write client is fresh). */
    private final CompletableFuture<Void> firstLeader = new CompletableFuture<>();
    /** When this member last lost sight of a leader (System.nanoTime()), or 0 while it knows one; watch thread only. */
    private long leaderlessSince;
    private final DeterminismGuard guard = new DeterminismGuard();
    /** Handles read-index answers off Ratis's threads (see {@link ReadIndexBarrier}). */
    private final ExecutorService readAnswers;
    /** Where entries' replies are handled, off the thread that applies the log (see GroupCommitter). */
    private final ExecutorService writeReplies;
    private final ReadIndexBarrier readIndex;
    private RaftServer server;
    /** The client writes and read indexes go through; renewed when Ratis gives up on it (see {@link WriteClient}). */
    private WriteClient client;
    /** For membership and snapshot requests: a few attempts (to find the leader), never endless retries. */
    private RaftClient adminClient;
    private GroupCommitter committer;

    RaftSqliteStore(StoreSettings settings) {
        this.settings = settings;
        this.self = RaftPeerId.valueOf(settings.nodeId());
        this.local = new LocalRequests(self, GROUP_ID);
        this.replica = new SqliteReplica(settings.directory().resolve("blixard.db"), settings.readConnections());
        this.stateMachine = new SqliteStateMachine(replica, settings.snapshotLogRatio());
        this.admin = Executors.newSingleThreadExecutor(daemon("blixard-store-admin-" + settings.nodeId()));
        this.watch = Executors.newSingleThreadScheduledExecutor(daemon("blixard-store-watch-" + settings.nodeId()));
        this.readAnswers = Executors.newSingleThreadExecutor(daemon("blixard-read-index-" + settings.nodeId()));
        this.writeReplies = Executors.newSingleThreadExecutor(daemon("blixard-write-replies-" + settings.nodeId()));
        this.readIndex = new ReadIndexBarrier(this::readIndexRound, readAnswers, settings.writeTimeout());
    }

    /** Starts the Raft server and the client; returns once the server runs (not once a leader is known). */
    void start() throws IOException {
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers(settings.members()));
        // Ratis loads its RPC factory by name through the context class loader and remembers it: it must be
        // this bundle's (TOOLING.md), whatever thread activates us.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RaftSqliteStore.class.getClassLoader());
        try {
            server = RaftServer.newBuilder()
                    .setServerId(self)
                    .setGroup(group)
                    .setStateMachine(stateMachine)
                    .setProperties(serverProperties())
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
            if (settings.members().size() == 1) {
                awaitLeader();
            }
            client = new WriteClient(settings.nodeId(), () -> newWriteClient(group));
            adminClient = RaftClient.newBuilder()
                    .setProperties(adminClientProperties())
                    .setRaftGroup(group)
                    .setClientId(ClientId.randomId())
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5,
                            TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                    .build();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
            // The shaded Netty pins this thread's class loader through a thread local; don't leak it.
            FastThreadLocal.removeAll();
        }
        committer = new GroupCommitter(this::sendEntry, settings.groupMaxInFlight(), settings.groupMaxBatches(),
                settings.groupMaxBytes(), this::unavailable, writeReplies);
        leaderlessSince = knowsLeader() ? 0 : System.nanoTime();
        watch.scheduleWithFixedDelay(this::watchLeader, 0, LEADER_WATCH_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Store member {} started at {}:{} in a group of {} ({})", settings.nodeId(), settings.raftHost(),
                settings.raftPort(), settings.members().size(), settings.directory());
    }

    /**
     * @return completed once this member knows a leader for the first time, with a write client that has not
     *         been through the time without one; never completed if the store is closed first
     */
    CompletionStage<Void> firstLeader() {
        return firstLeader;
    }

    /**
     * Every {@value #LEADER_WATCH_MILLIS} ms: when this member knows a leader again after more than an election
     * timeout without one (its start included), its write client is retired (see {@link WriteClient}), so that
     * writes do not wait out the reconnect backoff of channels that failed meanwhile.
     */
    private void watchLeader() {
        try {
            long now = System.nanoTime();
            if (!knowsLeader()) {
                if (leaderlessSince == 0) {
                    leaderlessSince = now;
                }
                return;
            }
            if (leaderlessSince != 0 && now - leaderlessSince > settings.electionMax().toNanos()) {
                WriteClient writes = client;
                if (writes != null) {
                    writes.retire("a leader is known again after " + (now - leaderlessSince) / 1_000_000
                            + " ms without one", watch, settings.writeTimeout());
                }
            }
            leaderlessSince = 0;
            firstLeader.complete(null);
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule.
            LOG.warn("Store member {}: watching for its leader failed: {}", settings.nodeId(), e.toString());
        }
    }

    /**
     * Waits a few election timeouts for a one-node group to elect itself, so the first writes do not race
     * the election. (Members of a cluster start without waiting: their quorum may not be up yet; StoreComponent
     * waits for their leader before it offers the store to the node.)
     */
    private void awaitLeader() throws IOException {
        long deadline = System.nanoTime() + settings.electionMax().toNanos() * 5;
        while (System.nanoTime() < deadline) {
            if (knowsLeader()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a leader of store member " + settings.nodeId(), e);
            }
        }
        LOG.warn("Store member {} has not elected itself yet; writes wait for it", settings.nodeId());
    }

    /**
     * A client for writes. Its retries outlast the write timeout, so that a write fails by its own timeout and
     * not because Ratis gave up; when Ratis does give up (no leader for longer), {@link WriteClient} replaces it.
     * Built with this bundle's context class loader, as every Ratis client must be (TOOLING.md), whichever
     * thread asks.
     */
    private RaftClient newWriteClient(RaftGroup group) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RaftSqliteStore.class.getClassLoader());
        try {
            return RaftClient.newBuilder()
                    .setProperties(clientProperties())
                    .setRaftGroup(group)
                    .setClientId(ClientId.randomId())
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                            (int) Math.max(1, settings.writeTimeout().toMillis() / 100),
                            TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * @return whether this member knows a leader that can take writes now: a majority of the group runs and
     *         has elected it (a leader of its own term that has not yet committed its first entry does not count)
     */
    boolean knowsLeader() {
        RaftServer current = server;
        if (current == null) {
            return false;
        }
        try {
            DivisionInfo info = current.getDivision(GROUP_ID).getInfo();
            return info.getLeaderId() != null && (!info.isLeader() || info.isLeaderReady());
        } catch (IOException e) {
            return false;
        }
    }

    /** @return how many times the write client was replaced: given up on by Ratis, or retired (tests) */
    int writeClientRenewals() {
        WriteClient writes = client;
        return writes == null ? 0 : writes.renewals();
    }

    /** @return how many client calls this member's server keeps replies of, to answer their retries */
    long retryCacheSize() throws IOException {
        return server.getDivision(GROUP_ID).getRetryCache().getStatistics().size();
    }

    private RaftProperties serverProperties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftServerConfigKeys.setStorageDir(properties, List.of(settings.directory().resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(properties, settings.raftHost());
        GrpcConfigKeys.Server.setPort(properties, settings.raftPort());
        // One entry (a full group) must fit the appender's buffer, which Ratis wants 1 MiB below the message size.
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, SizeInBytes.valueOf(entryLimit()));
        GrpcConfigKeys.setMessageSizeMax(properties, SizeInBytes.valueOf(messageLimit()));
        RaftServerConfigKeys.Log.setWriteBufferSize(properties, SizeInBytes.valueOf(messageLimit()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, duration(settings.electionMin().toMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, duration(settings.electionMax().toMillis()));
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        // Purge at every snapshot (Ratis's default gap of 1024 entries would skip the purges of a low threshold).
        RaftServerConfigKeys.Log.setPurgeGap(properties,
                (int) Math.min(RaftServerConfigKeys.Log.PURGE_GAP_DEFAULT, settings.snapshotThreshold()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(settings.logSegmentBytes()));
        // Ratis keeps the entries of the open segment and of up to this many closed ones on the heap, to serve
        // followers without reading the disk. Its default of six closed segments is up to 56 MiB of entries that
        // young collections copy while they age; a follower lagging more than a segment behind is served from
        // the segment files instead.
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(properties, CACHED_LOG_SEGMENTS);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        // Ratis would otherwise append a metadata entry (the commit index) after every commit: a second log write
        // and fsync per group that buys only a faster restart, since the commit index is re-learnt anyway.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(properties, false);
        // Async flush stays off (the default): Ratis 3.2 marks as flushed what was written while the force ran,
        // so a one-node group could acknowledge an entry still in a user-space buffer when killed.
        return properties;
    }

    private RaftProperties clientProperties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        GrpcConfigKeys.setMessageSizeMax(properties, SizeInBytes.valueOf(messageLimit()));
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, duration(Math.max(3_000, settings.electionMax().toMillis() * 2)));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, Math.max(16, settings.groupMaxInFlight() * 4));
        return properties;
    }

    /** Membership changes and snapshots of a large database take longer than a write. */
    private RaftProperties adminClientProperties() {
        RaftProperties properties = clientProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, duration(settings.writeTimeout().toMillis()));
        return properties;
    }

    /** Room for one full group plus framing (a single batch may not exceed the group limit, see write). */
    private long entryLimit() {
        return settings.groupMaxBytes() + 64 * 1024;
    }

    private long messageLimit() {
        return entryLimit() + 2 * 1024 * 1024;
    }

    private CompletableFuture<GroupCommitter.EntryReply> sendEntry(byte[] entry) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry));
        // The timeout goes on a future of our own: completing Ratis's request future from outside would confuse
        // its ordered request window.
        return submit(message)
                .thenApply(RaftSqliteStore::entryReply)
                .orTimeout(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * On the leader, hands the entry straight to this node's server: through the Raft client it would travel
     * out over gRPC and back on loopback, three thread hand-offs that cost about a millisecond of a lone
     * write's 1.6 ms here. Anywhere else, or when the server turns out not to lead (it answers so before
     * appending anything), the client finds the leader and retries as before.
     */
    private CompletableFuture<RaftClientReply> submit(Message message) {
        RaftServer current = server;
        if (current == null || !leads(current)) {
            return client.send(message);
        }
        CompletableFuture<RaftClientReply> answer;
        try {
            answer = submitLocally(current, local.write(message));
        } catch (IOException e) {
            return client.send(message);
        }
        return answer.thenCompose(reply -> reply.getNotLeaderException() != null
                || reply.getException() instanceof LeaderNotReadyException
                ? client.send(message) : CompletableFuture.completedFuture(reply));
    }

    /**
     * Hands {@code request} to this member's Raft division on the calling thread. {@link RaftServer}'s own
     * {@code submitClientRequestAsync} runs the same call on Ratis's client executor and blocks the caller until
     * it returns: two thread hand-offs per entry that buy nothing for a caller that waits anyway.
     */
    private CompletableFuture<RaftClientReply> submitLocally(RaftServer current, RaftClientRequest request)
            throws IOException {
        RaftServer.Division division = current.getDivision(GROUP_ID);
        CompletableFuture<RaftClientReply> answer = division instanceof RaftClientAsynchronousProtocol direct
                ? direct.submitClientRequestAsync(request)
                : current.submitClientRequestAsync(request);
        return answer.whenComplete((reply, failure) -> local.replied(request));
    }

    private static boolean leads(RaftServer server) {
        try {
            return server.getDivision(GROUP_ID).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    private static GroupCommitter.EntryReply entryReply(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(reply.getException());
        }
        try {
            return new GroupCommitter.EntryReply(reply.getLogIndex(),
                    BatchCodec.decodeOutcomes(reply.getMessage().getContent().toByteArray()));
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public CompletionStage<WriteResult> write(WriteBatch batch) {
        try {
            guard.check(batch);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        GroupCommitter current = committer;
        if (current == null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("store " + settings.nodeId() + " is not running"));
        }
        byte[] encoded = BatchCodec.encodeBatch(batch);
        if (encoded.length > settings.groupMaxBytes()) {
            return CompletableFuture.failedFuture(new StoreException("a write batch of " + encoded.length
                    + " bytes exceeds the limit of " + settings.groupMaxBytes() + " bytes per log entry"));
        }
        // The write timeout is on the log entry that carries the write (see sendEntry): one timer per entry, not
        // one per write. A write waits in the committer's queue only behind entries in flight, which time out.
        return current.submit(encoded);
    }

    @Override
    public <T> T read(Consistency consistency, SqlReader<T> reader) {
        if (consistency == Consistency.LINEARIZABLE) {
            awaitReadIndex();
        }
        return replica.read(reader);
    }

    /** Waits for a read index confirmed by the leader, shared with the reads that arrived meanwhile. */
    private void awaitReadIndex() {
        try {
            readIndex.await().get(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a linearizable read on " + settings.nodeId());
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e);
        }
    }

    /**
     * One read-index round: this member's own server asks the leader (or is it) for the commit index and
     * answers once it has applied it. Sent to the local server directly, like a leader's writes, so a round
     * costs no gRPC trip to itself; the client is the fallback while the server is not up.
     */
    private CompletableFuture<RaftClientReply> readIndexRound() {
        RaftServer current = server;
        WriteClient writes = client;
        RaftClient fallback = writes == null ? null : writes.current();
        if (fallback == null) {
            return CompletableFuture.failedFuture(
                    new StoreUnavailableException("store " + settings.nodeId() + " is not running"));
        }
        CompletableFuture<RaftClientReply> reply;
        if (current == null) {
            reply = fallback.async().sendReadOnlyUnordered(Message.EMPTY, self);
        } else {
            try {
                reply = submitLocally(current, local.readIndex());
            } catch (IOException e) {
                reply = fallback.async().sendReadOnlyUnordered(Message.EMPTY, self);
            }
        }
        return reply.thenApply(answer -> {
            if (!answer.isSuccess()) {
                throw new CompletionException(answer.getException());
            }
            return answer;
        });
    }

    @Override
    public StoreStatus status() {
        RaftServer current = server;
        if (current == null) {
            return new StoreStatus(settings.nodeId(), "UNKNOWN", null, 0, 0, replica.appliedIndex(), settings.members());
        }
        try {
            RaftServer.Division division = current.getDivision(GROUP_ID);
            DivisionInfo info = division.getInfo();
            List<Member> members = new ArrayList<>();
            for (RaftPeer peer : division.getGroup().getPeers()) {
                members.add(new Member(peer.getId().toString(), peer.getAddress()));
            }
            // Term, leader and role are separate reads: take them within one term, so that a view never pairs
            // a new term with the leader of the previous one (which would look like two leaders in one term).
            long term;
            String leader;
            String role;
            int attempts = 0;
            do {
                term = info.getCurrentTerm();
                leader = Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString).orElse(null);
                role = info.getCurrentRole().name();
            } while (term != info.getCurrentTerm() && ++attempts < 10);
            return new StoreStatus(settings.nodeId(), role, leader, term,
                    division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(), members);
        } catch (IOException e) {
            throw new StoreUnavailableException("store " + settings.nodeId() + " has no division: " + e.getMessage(), e);
        }
    }

    @Override
    public void addApplyListener(ApplyListener listener) {
        stateMachine.addListener(listener);
    }

    @Override
    public void removeApplyListener(ApplyListener listener) {
        stateMachine.removeListener(listener);
    }

    @Override
    public CompletionStage<StoreStatus> addMember(Member member) {
        return changeMembers(members -> {
            if (members.stream().anyMatch(existing -> existing.id().equals(member.id()))) {
                throw new IllegalArgumentException("node '" + member.id() + "' is already a member");
            }
            members.add(member);
        });
    }

    @Override
    public CompletionStage<StoreStatus> removeMember(String memberId) {
        return changeMembers(members -> {
            if (!members.removeIf(existing -> existing.id().equals(memberId))) {
                throw new IllegalArgumentException("node '" + memberId + "' is not a member");
            }
            if (members.isEmpty()) {
                throw new IllegalArgumentException("cannot remove the last member");
            }
        });
    }

    private CompletionStage<StoreStatus> changeMembers(java.util.function.Consumer<List<Member>> change) {
        return CompletableFuture.supplyAsync(() -> {
            List<Member> members = new ArrayList<>(status().members());
            change.accept(members);
            try {
                RaftClientReply reply = adminClient.admin().setConfiguration(peers(members));
                if (!reply.isSuccess()) {
                    throw unavailable(reply.getException());
                }
            } catch (IOException e) {
                throw unavailable(e);
            }
            LOG.info("Store group of {} is now {}", settings.nodeId(), members);
            return status();
        }, admin);
    }

    @Override
    public long takeSnapshot() {
        try {
            stateMachine.expectExplicitSnapshot();
            RaftClientReply reply = adminClient.getSnapshotManagementApi(self).create(true, settings.writeTimeout().toMillis());
            if (!reply.isSuccess()) {
                throw unavailable(reply.getException());
            }
            return reply.getLogIndex();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close() {
        committer = null;
        watch.shutdownNow();
        closeQuietly(adminClient, "admin client");
        adminClient = null;
        closeQuietly(client, "client");
        client = null;
        closeQuietly(server, "server");
        server = null;
        admin.shutdownNow();
        readAnswers.shutdownNow();
        // Replies already handed off still answer their writers (with the server gone, as failures).
        writeReplies.shutdown();
        awaitQuietly(writeReplies, "write replies");
        replica.close();
        FastThreadLocal.removeAll();
        LOG.info("Store member {} stopped", settings.nodeId());
    }

    private void awaitQuietly(ExecutorService executor, String what) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Store member {}: {} still running 5 s after close", settings.nodeId(), what);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing the Raft {} of {} failed: {}", what, settings.nodeId(), e.toString());
        }
    }

    /** Maps a Ratis or transport failure to the store's own vocabulary, keeping statement failures as they are. */
    private RuntimeException unavailable(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StatementFailedException || cause instanceof StoreException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof TimeoutException) {
            return new StoreUnavailableException("store " + settings.nodeId() + ": no answer within "
                    + settings.writeTimeout().toMillis() + " ms (no leader or no quorum); the write may still be applied", cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return (IllegalArgumentException) cause;
        }
        return new StoreUnavailableException("store " + settings.nodeId() + ": " + cause, cause);
    }

    private static List<RaftPeer> peers(List<Member> members) {
        List<RaftPeer> peers = new ArrayList<>();
        for (Member member : members) {
            peers.add(RaftPeer.newBuilder().setId(member.id()).setAddress(member.address()).build());
        }
        return peers;
    }

    private static TimeDuration duration(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
