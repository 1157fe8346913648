package dev.blixard.core.agent;

import dev.blixard.api.BlixardException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.job.Job;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.worker.WorkerRegistration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's worker for one worker type, backed by one {@link JobExecutor}: registers as
 * {@code <node-id>:<type>}, heartbeats, and claims jobs in batches on its own thread while it has free
 * slots. Claimed jobs continue through {@link Attempts} without blocking the claim thread.
 *
 * <p>Stopping is two calls, so that all worker types of an agent drain at the same time:
 * {@link #beginStop} gives every held job back, {@link #finishStop} waits for that, deregisters and joins
 * the claim thread.
 */
final class TypeWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TypeWorker.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long LONGEST_BACKOFF_MS = 5_000;

    private final JobExecutor executor;
    private final AgentContext context;
    private final String type;
    private final String workerId;
    private final WorkerRegistration registration;
    private final Slots slots;
    private final Attempts attempts;
    private final Thread claimThread;
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private volatile boolean registered;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private Future<?> heartbeat;
    private Future<?> cleanup;
    /** How long a claim waits for more slots to free up when only a few are free (see Slots). */
    private static final long CLAIM_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How often finished executions are forgotten, and how old they must be. */
    private static final java.time.Duration CLEANUP_PERIOD = java.time.Duration.ofMinutes(1);
    private static final java.time.Duration CLEANUP_AGE = java.time.Duration.ofMinutes(5);
    /** A claim still waiting when the claim thread stopped; set before it exits. */
    private volatile CompletableFuture<List<Job>> pendingClaim;

    /** @throws dev.blixard.api.InvalidRequestException when the executor's type is not a valid worker type */
    TypeWorker(JobExecutor executor, AgentContext context) {
        this.executor = executor;
        this.context = context;
        this.type = executor.type();
        this.workerId = context.nodeId() + ":" + type;
        int configured = context.settings().capacityOf(type);
        int capacity = Math.max(1, Math.min(configured, executor.maxConcurrent()));
        if (capacity < configured) {
            LOG.info("Worker {} runs {} jobs at once, not {}: that is all {} takes", workerId, capacity, configured,
                    executor.describe());
        }
        this.registration = WorkerRegistration.builder(workerId).workerTypes(type).capacity(capacity)
                .resources(executor.resources()).labels(labels(executor.labels(), context.nodeId())).build();
        this.slots = new Slots(capacity);
        this.attempts = new Attempts(workerId, executor, slots, context, this::noteError);
        this.claimThread = AgentThreads.single("claim-" + type, this::claimLoop);
    }

    String workerId() {
        return workerId;
    }

    JobExecutor executor() {
        return executor;
    }

    void start() {
        long period = context.settings().heartbeat().toMillis();
        synchronized (lifecycle) {
            heartbeat = context.scheduler().scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
            cleanup = context.scheduler().scheduleWithFixedDelay(this::cleanup, CLEANUP_PERIOD.toMillis(),
                    CLEANUP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        claimThread.start();
        LOG.info("Worker {} started on {}: capacity {}", workerId, executor.describe(), slots.capacity());
    }

    /**
     * Stops claiming, stops what runs and gives every held job back to the queue. Returns once the
     * give-backs are sent.
     */
    void beginStop(String reason) {
        synchronized (lifecycle) {
            stopping = true;
        }
        // Draining first makes the registry refuse (and answer) the claim that may still be waiting, so it
        // cannot take back the very jobs given back below.
        drain();
        claimThread.interrupt();
        int released = attempts.releaseAll(reason);
        LOG.info("Worker {} stopping ({}): giving back {} jobs", workerId, reason, released);
    }

    /** Waits until {@code deadlineNanos} for the jobs to be given back, then deregisters and joins. */
    void finishStop(long deadlineNanos) {
        join(claimThread, deadlineNanos);
        CompletableFuture<List<Job>> late = pendingClaim;
        if (late != null) {
            try {
                late.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("Last claim of worker {} ended with {}", workerId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (!slots.awaitUsedAtMost(0, deadlineNanos)) {
                LOG.warn("Worker {} still holds {} jobs at its drain deadline; they go back to the queue when their "
                        + "leases lapse", workerId, attempts.active());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lifecycle) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (cleanup != null) {
                cleanup.cancel(false);
            }
        }
        deregister();
        executor.close(deadlineNanos);
        LOG.info("Worker {} stopped", workerId);
    }

    /** @return its state now */
    WorkerHealth health() {
        return new WorkerHealth(type, workerId, executor.describe(), attempts.active(), slots.capacity(), registered,
                lastError, lastErrorAt, executor.abandoned());
    }

    private void claimLoop() {
        long backoff = 0;
        try {
            while (!stopping) {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                if (!registered && !register()) {
                    backoff = next(backoff);
                } else if (!executor.isUp()) {
                    noteError(executor.describe() + " is down");
                    backoff = LONGEST_BACKOFF_MS / 5;
                } else {
                    int max = context.settings().maxClaim();
                    backoff = claimAndRun(slots.acquireUpTo(max, Math.max(1, slots.capacity() / 4), CLAIM_LINGER_NANOS))
                            ? 0 : next(backoff);
                }
            }
        } catch (InterruptedException e) {
            // Interrupted by beginStop: leave the loop.
        } catch (RuntimeException | Error e) {
            LOG.error("Claim loop of worker {} died; it claims no more jobs", workerId, e);
            noteError("claim loop died: " + e);
        }
    }

    /** @return whether the claim worked (even if it found nothing) */
    private boolean claimAndRun(int taken) throws InterruptedException {
        CompletableFuture<List<Job>> claim;
        try {
            claim = context.jobs().claim(ClaimRequest.builder(workerId).workerTypes(type).maxJobs(taken)
                    .lease(context.settings().lease()).waitFor(context.settings().claimWait()).startsOnClaim(true).build())
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            slots.release(taken);
            claimFailed(e);
            return false;
        }
        List<Job> claimed;
        try {
            claimed = claim.get();
        } catch (InterruptedException e) {
            pendingClaim = claim;
            claim.whenComplete((late, error) -> hand(late == null ? List.of() : late, taken));
            throw e;
        } catch (ExecutionException e) {
            slots.release(taken);
            claimFailed(e.getCause());
            return false;
        }
        hand(claimed, taken);
        return true;
    }

    /** Runs the claimed jobs, or gives them back when the worker is stopping. */
    private void hand(List<Job> claimed, int taken) {
        int kept = Math.min(taken, claimed.size());
        slots.release(taken - kept);
        synchronized (lifecycle) {
            for (int i = 0; i < claimed.size(); i++) {
                Job job = claimed.get(i);
                if (i >= kept) {
                    // More than asked for: there is no slot to run it in.
                    slots.take();
                    attempts.giveBack(job, "worker " + workerId + " is full");
                } else if (stopping) {
                    attempts.giveBack(job, "worker " + workerId + " is stopping");
                } else {
                    attempts.run(job);
                }
            }
        }
    }

    private void claimFailed(Throwable error) {
        if (error instanceof NotFoundException) {
            LOG.info("Worker {} is unknown to the registry; registering again", workerId);
            registered = false;
        } else if (error instanceof BlixardException && stopping) {
            // The registry refuses a draining worker's claim: the expected end of a stop.
            LOG.debug("Claim of worker {} refused while stopping: {}", workerId, error.getMessage());
            return;
        } else if (error instanceof BlixardException) {
            LOG.warn("Claim of worker {} refused: {}", workerId, error.getMessage());
        } else {
            LOG.error("Claim of worker {} failed", workerId, error);
        }
        noteError("claim failed: " + error);
    }

    private boolean register() {
        if (stopping) {
            return false;
        }
        try {
            context.workers().register(registration);
            registered = true;
            LOG.info("Worker {} registered: type {}, capacity {}", workerId, type, registration.capacity());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Worker {} could not register: {}", workerId, e.toString());
            noteError("registration failed: " + e);
            return false;
        }
    }

    private void drain() {
        try {
            context.workers().drain(workerId);
        } catch (RuntimeException e) {
            LOG.debug("Worker {} could not drain before stopping: {}", workerId, e.toString());
        }
    }

    private void deregister() {
        try {
            context.workers().deregister(workerId);
        } catch (NotFoundException e) {
            LOG.debug("Worker {} was already gone from the registry", workerId);
        } catch (RuntimeException e) {
            LOG.warn("Worker {} could not deregister; the registry declares it lost after its heartbeats stop: {}",
                    workerId, e.toString());
        }
        registered = false;
    }

    /** Lets the executor forget what finished long ago; results are in the queue by then. */
    private void cleanup() {
        try {
            int forgotten = executor.cleanup(CLEANUP_AGE);
            if (forgotten > 0) {
                LOG.debug("Worker {}: {} finished executions forgotten", workerId, forgotten);
            }
        } catch (RuntimeException e) {
            LOG.warn("Worker {}: cleanup of finished executions failed: {}", workerId, e.toString());
            noteError("cleanup failed: " + e);
        }
    }

    private void heartbeat() {
        if (stopping && !registered) {
            return;
        }
        try {
            HeartbeatResponse response = context.workers().heartbeat(workerId);
            response.cancel().forEach(attempts::cancel);
        } catch (NotFoundException e) {
            registered = false;
            if (!stopping) {
                // Declared lost (a pause longer than the lease, a partition): its jobs went back to the queue and
                // their reports will meet conflicts; the worker itself carries on under the same id.
                LOG.info("Worker {} is unknown to the registry (declared lost?); registering again", workerId);
                register();
            }
        } catch (RuntimeException e) {
            // Caught, because a periodic task that throws is never run again.
            LOG.warn("Heartbeat of worker {} failed: {}", workerId, e.toString());
            noteError("heartbeat failed: " + e);
        }
    }

    private void noteError(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    private static long next(long backoff) {
        return backoff == 0 ? FIRST_BACKOFF_MS : Math.min(LONGEST_BACKOFF_MS, backoff * 2);
    }

    private void join(Thread thread, long deadlineNanos) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("Claim thread of worker {} did not stop by its deadline", workerId);
        }
    }

    @Override
    public String toString() {
        return "TypeWorker[" + workerId + " on " + executor.describe() + "]";
    }

    /** The executor's labels plus the node's id, by which the registry knows this worker is a node's own. */
    private static java.util.Map<String, String> labels(java.util.Map<String, String> executorLabels, String nodeId) {
        java.util.Map<String, String> labels = new java.util.TreeMap<>(executorLabels);
        labels.put(dev.blixard.core.queue.WorkerCommands.NODE_LABEL, nodeId);
        return labels;
    }
}
