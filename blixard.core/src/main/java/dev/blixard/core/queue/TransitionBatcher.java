package dev.blixard.core.queue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.job.Job;
import dev.blixard.core.job.JobRows;
import dev.blixard.core.job.JobState;
import dev.blixard.core.job.StoredJob;
import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent life-cycle commands (many workers reporting at once) into rounds: one read of every
 * job concerned, one decision each, one replicated write of all the compare-and-sets, one read back. A
 * thousand reports then cost one log entry instead of a thousand, while each command keeps its own outcome:
 * a compare-and-set that lost to another change is decided again from the leader's state, an illegal one
 * fails alone.
 *
 * <p>Commands for a job already in a round wait for that round, so a round never races itself. A few rounds
 * may be in flight at once, which keeps the store's group commit fed.
 */
final class TransitionBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionBatcher.class);
    private static final int MAX_ROUND = 1000;
    private static final int ROUNDS_IN_FLIGHT = 4;
    private static final int MAX_TRIES = 5;

    private final QueueContext context;
    private final BlockingQueue<Request> incoming = new LinkedBlockingQueue<>();
    private final Semaphore rounds = new Semaphore(ROUNDS_IN_FLIGHT);
    private final Object lock = new Object();
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, List<Request>> deferred = new HashMap<>();
    private final ExecutorService drainer;
    private final ExecutorService finisher;
    private volatile boolean running = true;

    TransitionBatcher(QueueContext context) {
        this.context = context;
        this.drainer = Executors.newSingleThreadExecutor(named("blixard-transitions-" + context.nodeId()));
        this.finisher = Executors.newSingleThreadExecutor(named("blixard-transitions-done-" + context.nodeId()));
        drainer.execute(this::drain);
    }

    /**
     * @param readBack whether the caller wants the job as written (an API answer) or only the outcome
     * @return the job after the command ({@code null} without read-back), or the command's failure
     */
    CompletableFuture<Job> submit(String jobId, Transitions.Decision decision, boolean readBack) {
        Request request = new Request(jobId, decision, readBack);
        if (!running) {
            request.result.completeExceptionally(new UnavailableException("the queue is closing"));
        } else {
            incoming.add(request);
        }
        return request.result;
    }

    private void drain() {
        while (running) {
            try {
                // Waits without a deadline: close() interrupts this thread, so an idle queue costs no wake-ups.
                Request first = incoming.take();
                List<Request> batch = new ArrayList<>();
                batch.add(first);
                incoming.drainTo(batch, MAX_ROUND - 1);
                rounds.acquire();
                round(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Node {}: a round of job commands failed unexpectedly", context.nodeId(), e);
            }
        }
    }

    private void round(List<Request> batch) {
        List<Request> now = new ArrayList<>(batch.size());
        synchronized (lock) {
            for (Request request : batch) {
                if (inFlight.add(request.jobId)) {
                    now.add(request);
                } else {
                    deferred.computeIfAbsent(request.jobId, id -> new ArrayList<>()).add(request);
                }
            }
        }
        if (now.isEmpty()) {
            rounds.release();
            return;
        }
        Map<String, JobState> current;
        try {
            current = read(now);
        } catch (RuntimeException e) {
            rounds.release();
            now.forEach(request -> finish(request, null, e));
            return;
        }
        long time = context.now();
        List<Request> deciding = new ArrayList<>(now.size());
        List<Statement> statements = new ArrayList<>(now.size());
        for (Request request : now) {
            JobState job = current.get(request.jobId);
            if (job == null) {
                if (!request.fromLeader) {
                    // This replica may not have the job yet: look again on the leader's state.
                    retry(request);
                } else {
                    finish(request, null, new NotFoundException("job", request.jobId));
                }
                continue;
            }
            try {
                JobUpdate update = request.decision.decide(job, time);
                request.expectedVersion = update.newVersion();
                deciding.add(request);
                statements.add(update.statement());
            } catch (ConflictException refused) {
                if (!request.fromLeader) {
                    // Decided on this replica, which may lag (a follower that has not applied the claim yet):
                    // only the leader's state can tell a stale view from an illegal transition.
                    retry(request);
                } else {
                    finish(request, null, refused);
                }
            } catch (RuntimeException refused) {
                finish(request, null, refused);
            }
        }
        if (statements.isEmpty()) {
            rounds.release();
            return;
        }
        context.database().writeAsync(statements).whenCompleteAsync((result, failure) -> {
            rounds.release();
            written(deciding, result, failure);
        }, finisher);
    }

    private void written(List<Request> deciding, WriteResult result, Throwable failure) {
        if (failure != null) {
            RuntimeException error = QueueDatabase.translate(failure);
            deciding.forEach(request -> finish(request, null, error));
            return;
        }
        List<Request> applied = new ArrayList<>(deciding.size());
        for (int i = 0; i < deciding.size(); i++) {
            Request request = deciding.get(i);
            if (result.result(i).rowsAffected() == 1 && !request.readBack) {
                finish(request, null, null);
            } else if (result.result(i).rowsAffected() == 1) {
                applied.add(request);
            } else if (request.tries + 1 >= MAX_TRIES) {
                finish(request, null, new ConflictException("job " + request.jobId
                        + " kept changing while this command ran; try again"));
            } else {
                retry(request);
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        try {
            Map<String, Job> after = readBack(applied);
            applied.forEach(request -> finish(request, after.get(request.jobId), null));
        } catch (RuntimeException e) {
            applied.forEach(request -> finish(request, null, e));
        }
    }

    /** Decides again in a later round, from the leader's state: the job changed since it was read. */
    private void retry(Request request) {
        request.tries++;
        request.fromLeader = true;
        release(request.jobId);
        incoming.add(request);
    }

    private void finish(Request request, Job job, RuntimeException failure) {
        release(request.jobId);
        if (failure != null) {
            request.result.completeExceptionally(failure);
        } else {
            request.result.complete(job);
        }
    }

    private void release(String jobId) {
        List<Request> waiting;
        synchronized (lock) {
            inFlight.remove(jobId);
            waiting = deferred.remove(jobId);
        }
        if (waiting != null) {
            incoming.addAll(waiting);
        }
    }

    private Map<String, JobState> read(List<Request> requests) {
        boolean fromLeader = requests.stream().anyMatch(request -> request.fromLeader);
        return context.database().read(fromLeader ? Consistency.LINEARIZABLE : Consistency.LOCAL, connection -> {
            Map<String, JobState> jobs = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + JobRows.STATE_COLUMNS + " FROM jobs j WHERE j.id = ?")) {
                for (Request request : requests) {
                    query.setString(1, request.jobId);
                    try (ResultSet row = query.executeQuery()) {
                        if (row.next()) {
                            jobs.put(request.jobId, JobRows.readState(row));
                        }
                    }
                }
            }
            return jobs;
        });
    }

    /** @return the jobs as written, with the history the triggers recorded */
    private Map<String, Job> readBack(List<Request> applied) {
        Map<String, Job> jobs = context.database().read(Consistency.LOCAL, connection -> readBack(connection, applied));
        if (jobs.size() < applied.size()) {
            // This replica has not applied the write yet (a follower): read where it has been.
            jobs = context.database().read(Consistency.LINEARIZABLE, connection -> readBack(connection, applied));
        }
        return jobs;
    }

    private static Map<String, Job> readBack(Connection connection, List<Request> applied) throws SQLException {
        Map<String, Job> jobs = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + JobRows.COLUMNS + " FROM jobs j WHERE j.id = ?")) {
            for (Request request : applied) {
                query.setString(1, request.jobId);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        StoredJob stored = JobRows.read(row);
                        if (stored.version() >= request.expectedVersion) {
                            jobs.put(request.jobId, stored.withAttempts(JobRows.attempts(connection, request.jobId)).job());
                        }
                    }
                }
            }
        }
        return jobs;
    }

    /** Fails what waits and stops the threads. */
    @Override
    public void close() {
        running = false;
        drainer.shutdownNow();
        finisher.shutdown();
        try {
            if (!drainer.awaitTermination(5, TimeUnit.SECONDS) || !finisher.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Node {}: job command threads did not stop within 5 s", context.nodeId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        UnavailableException closing = new UnavailableException("the queue closed before the command ran");
        for (Request request : incoming) {
            request.result.completeExceptionally(closing);
        }
        synchronized (lock) {
            deferred.values().forEach(list -> list.forEach(request -> request.result.completeExceptionally(closing)));
            deferred.clear();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Request {
        final String jobId;
        final Transitions.Decision decision;
        final boolean readBack;
        final CompletableFuture<Job> result = new CompletableFuture<>();
        int tries;
        boolean fromLeader;
        long expectedVersion;

        Request(String jobId, Transitions.Decision decision, boolean readBack) {
            this.jobId = jobId;
            this.decision = decision;
            this.readBack = readBack;
        }
    }
}
