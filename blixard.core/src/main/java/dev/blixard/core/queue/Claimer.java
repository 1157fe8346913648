package dev.blixard.core.queue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobTransition;
import dev.blixard.api.job.Resources;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import dev.blixard.core.job.JobRows;
import dev.blixard.core.job.StoredJob;
import dev.blixard.core.placement.JobPlacement;
import dev.blixard.core.worker.StoredWorker;
import dev.blixard.core.worker.WorkerRows;
import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One claim attempt (no waiting; {@link ClaimWaiters} retries it for long polls). The policy runs outside
 * the log: the candidates are read from this node's replica in queue order (a worker that competes with other
 * live workers for its types starts with its own slice, {@link ClaimShare}) and the allocator chooses; then
 * one write claims the chosen jobs, each a compare-and-set that applies only if the job is still as it was
 * read. Jobs another worker took in between are simply not in the answer.
 */
public final class Claimer {
    /** Claim attempts that found candidates but lost every one of them before giving up this round. */
    private static final int RACE_ROUNDS = 3;

    private final QueueContext context;
    private final JobPlacement placement;

    public Claimer(QueueContext context, JobPlacement placement) {
        this.context = context;
        this.placement = placement;
    }

    /**
     * What waiting claims need after entries were applied, read from one snapshot of the replica (one read
     * where two would each open a transaction and fetch their pages again).
     *
     * @param queuedTypes the worker types that have jobs in the ready queue, due or not ({@code *} for jobs any
     *     worker takes): which waiting claims could find anything
     * @param drainingWorkers the workers being drained: a claim of theirs that waits must hear at once that it
     *     gets nothing more, whatever is queued
     */
    public record WaitingOutlook(Set<String> queuedTypes, Set<String> drainingWorkers) {
    }

    /** @return the queued worker types and the draining workers, as one snapshot shows them */
    public WaitingOutlook waitingOutlook() {
        return context.database().read(Consistency.LOCAL, connection -> {
            Set<String> draining = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM workers WHERE status = '" + WorkerStatus.DRAINING.name() + "'");
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    draining.add(row.getString(1));
                }
            }
            return new WaitingOutlook(new HashSet<>(readyTypes(connection)), draining);
        });
    }

    /** @return the jobs claimed now, possibly none */
    public CompletionStage<List<Job>> claimNow(ClaimRequest request) {
        return attempt(request, 0);
    }

    private CompletionStage<List<Job>> attempt(ClaimRequest request, int round) {
        Plan plan;
        // Planned on this node's replica, also after a lost round. Planning retries on the group's latest
        // state (a linearizable read) was tried: under the cluster benchmark's load it stalled the group,
        // with the leader's own reads timing out and submits through followers unanswered for 10 s.
        try {
            plan = context.database().read(Consistency.LOCAL, connection -> plan(connection, request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (plan.statements.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return context.database().writeAsync(plan.statements).handle((result, failure) -> {
            if (failure != null) {
                throw QueueDatabase.translate(failure);
            }
            return plan.claimed(result);
        }).thenCompose(claimed -> claimed.isEmpty() && plan.hadCandidates && round + 1 < RACE_ROUNDS
                ? attempt(request, round + 1)
                : CompletableFuture.completedFuture(claimed));
    }

    private Plan plan(Connection connection, ClaimRequest request) throws SQLException {
        long now = context.now();
        StoredWorker stored = WorkerRows.find(connection, request.workerId(), false);
        List<Statement> statements = new ArrayList<>();
        Worker worker;
        boolean newWorker = stored == null;
        if (newWorker) {
            // A worker may claim without registering first (any language, any script): it is registered with
            // what it asks for, so heartbeats, leases and lost-worker detection work the same for it.
            WorkerRegistration registration = WorkerRegistration.builder(request.workerId())
                    .workerTypes(request.workerTypes()).capacity(WorkerRegistration.MAX_CAPACITY).build();
            statements.add(WorkerStatements.upsert(registration, null, now, "registered by its first claim"));
            worker = new Worker(registration, WorkerStatus.ACTIVE, List.of(), null, Instant.ofEpochMilli(now),
                    Instant.ofEpochMilli(now));
            stored = new StoredWorker(worker, 1, Resources.NONE, 0);
        } else {
            worker = stored.worker();
            if (worker.status() == WorkerStatus.DRAINING) {
                throw new ConflictException("worker " + worker.id() + " is draining and takes no new jobs");
            }
            statements.add(WorkerStatements.alive(worker.id(), now));
        }
        List<String> types = !request.workerTypes().isEmpty() ? request.workerTypes()
                : worker.registration().workerTypes();
        int free = stored.freeSlots();
        int max = Math.min(request.maxJobs(), free);
        if (max <= 0) {
            return Plan.nothing(statements, newWorker);
        }
        // The allocator sees some more than it may take (to fit resources and labels), in proportion: a claim of
        // one job reads a handful of rows, not the whole slack.
        int slack = Math.min(context.settings().candidateSlack(), Math.max(4, max));
        List<StoredJob> candidates = candidates(connection, types, now, max + slack);
        if (candidates.isEmpty()) {
            return Plan.nothing(statements, newWorker);
        }
        if (candidates.size() > ClaimShare.UNSPLIT) {
            ClaimShare share = ClaimShare.of(connection, worker.id(), types,
                    now - context.settings().workerTimeout().toMillis());
            max = share.limit(candidates.size(), max);
            candidates = share.order(candidates);
        }
        Resources freeResources = free(worker.registration().resources(), stored.inUse());
        Map<String, StoredJob> byId = new LinkedHashMap<>();
        List<Job> offered = new ArrayList<>();
        for (StoredJob candidate : candidates) {
            if (fitsExhausted(candidate.job().resources(), worker.registration().resources(), freeResources)) {
                byId.put(candidate.id(), candidate);
                offered.add(candidate.job());
            }
        }
        // What the allocator sees is what is left: its free slots as its capacity, its free resources.
        Worker view = new Worker(WorkerRegistration.builder(worker.id()).workerTypes(worker.registration().workerTypes())
                .capacity(free).resources(freeResources).labels(worker.registration().labels()).build(),
                worker.status(), List.of(), worker.nodeId(), worker.registeredAt(), worker.lastHeartbeatAt());
        List<Job> chosen = offered.isEmpty() ? List.of() : placement.choose(view, offered, max);
        long leaseMs = request.lease().toMillis();
        List<Job> claimed = new ArrayList<>();
        for (Job job : chosen) {
            StoredJob candidate = byId.get(job.id());
            if (candidate == null || claimed.size() >= max) {
                continue;
            }
            Long startedAt = request.startsOnClaim() ? now : null;
            JobUpdate update = JobUpdate.transition(candidate.state(), JobTransition.CLAIM, now);
            if (request.startsOnClaim()) {
                update.then(JobTransition.START);
            }
            statements.add(update
                    .set("worker_id", worker.id())
                    .set("attempt", candidate.job().attempt() + 1)
                    .set("lease_expires_at", now + leaseMs)
                    .set("lease_ms", leaseMs)
                    .set("claimed_at", now)
                    .set("started_at", startedAt)
                    .set("finished_at", null)
                    .set("last_outcome", null)
                    .set("note", null)
                    .statement());
            claimed.add(candidate.job().toBuilder()
                    .status(update.target())
                    .attempt(candidate.job().attempt() + 1)
                    .workerId(worker.id())
                    .leaseExpiresAt(Instant.ofEpochMilli(now + leaseMs))
                    .claimedAt(Instant.ofEpochMilli(now))
                    .startedAt(startedAt == null ? null : Instant.ofEpochMilli(startedAt))
                    .finishedAt(null)
                    .updatedAt(Instant.ofEpochMilli(now))
                    .build());
        }
        if (claimed.isEmpty()) {
            return Plan.nothing(statements, newWorker);
        }
        return new Plan(statements, statements.size() - claimed.size(), claimed, true);
    }

    /**
     * Claimable jobs of the worker's types in queue order: the first rows of each type's ready-queue range
     * (and of the any-type range), merged. One query per range reads the jobs with their ready rows: a query
     * per job cost the driver a result set (and all 32 column names) each, most of a claim's garbage.
     */
    private static List<StoredJob> candidates(Connection connection, List<String> types, long now, int limit)
            throws SQLException {
        List<String> ranges = new ArrayList<>(types);
        if (types.isEmpty()) {
            ranges.addAll(readyTypes(connection));
        } else {
            ranges.add("*");
        }
        List<StoredJob> ready = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(CANDIDATES)) {
            for (String type : ranges) {
                query.setString(1, type);
                query.setLong(2, now);
                query.setInt(3, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ready.add(JobRows.read(row));
                    }
                }
            }
        }
        if (ranges.size() > 1) {
            // A job of several types is in several ranges: each range is in queue order, their union is not.
            ready.sort(Comparator.comparingInt((StoredJob job) -> job.job().spec().priority()).reversed()
                    .thenComparing(StoredJob::id));
        }
        List<StoredJob> jobs = new ArrayList<>(Math.min(limit, ready.size()));
        Set<String> seen = new HashSet<>();
        for (StoredJob job : ready) {
            if (jobs.size() >= limit) {
                break;
            }
            if (seen.add(job.id())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /**
     * The worker types that have claimable jobs, for a worker that takes any type: a loose index scan (one
     * seek per type), not a scan of the ready queue.
     */
    private static List<String> readyTypes(Connection connection) throws SQLException {
        List<String> types = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("WITH RECURSIVE types(t) AS ("
                + "SELECT min(worker_type) FROM ready_queue UNION ALL SELECT (SELECT min(worker_type) FROM ready_queue"
                + " WHERE worker_type > types.t) FROM types WHERE types.t IS NOT NULL) SELECT t FROM types"
                + " WHERE t IS NOT NULL"); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                types.add(row.getString(1));
            }
        }
        return types;
    }

    /**
     * One range of the ready queue, in queue order, with its jobs. {@code CROSS JOIN} keeps the ready queue's
     * index the outer loop, so the limit stops the scan after the first rows.
     */
    static final String CANDIDATES = "SELECT " + JobRows.COLUMNS + " FROM ready_queue r CROSS JOIN jobs j"
            + " ON j.id = r.job_id WHERE r.worker_type = ? AND r.run_after <= ? AND j.status = 'Pending'"
            + " ORDER BY r.priority DESC, r.job_id LIMIT ?";

    /** What the worker declared minus what its jobs hold; 0 in a declared dimension means not limited. */
    private static Resources free(Resources declared, Resources inUse) {
        return new Resources(declared.cpu() == 0 ? 0 : Math.max(0, declared.cpu() - inUse.cpu()),
                declared.memoryMb() == 0 ? 0 : Math.max(0, declared.memoryMb() - inUse.memoryMb()),
                declared.diskMb() == 0 ? 0 : Math.max(0, declared.diskMb() - inUse.diskMb()));
    }

    /**
     * Allocators read 0 as "not limited", so a limited dimension that is used up would look unlimited: jobs
     * asking for it are withheld here instead.
     */
    private static boolean fitsExhausted(Resources request, Resources declared, Resources free) {
        return !(declared.cpu() > 0 && free.cpu() == 0 && request.cpu() > 0)
                && !(declared.memoryMb() > 0 && free.memoryMb() == 0 && request.memoryMb() > 0)
                && !(declared.diskMb() > 0 && free.diskMb() == 0 && request.diskMb() > 0);
    }

    /** The write of a claim and how to read its outcome. */
    private record Plan(List<Statement> statements, int firstJobStatement, List<Job> candidates, boolean hadCandidates) {
        /** Nothing to claim; a worker seen for the first time is registered all the same. */
        static Plan nothing(List<Statement> statements, boolean newWorker) {
            return newWorker ? new Plan(List.of(statements.get(0)), 1, List.of(), false)
                    : new Plan(List.of(), 0, List.of(), false);
        }

        /** @return the jobs whose compare-and-set applied */
        List<Job> claimed(WriteResult result) {
            List<Job> claimed = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                if (result.result(firstJobStatement + i).rowsAffected() == 1) {
                    claimed.add(candidates.get(i));
                }
            }
            return claimed;
        }
    }
}
