package dev.blixard.core.queue;

import dev.blixard.api.job.Job;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.store.ApplyListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polling claims. A claim that finds nothing waits here and is tried again whenever this node applies a
 * write (a submit, a release, a retry can make jobs claimable), and at least every {@code recheck} for jobs
 * that become due by the clock (run_after, backoff), until its wait ends. One thread does the retrying; the
 * tries are cheap local reads until one finds something.
 */
public final class ClaimWaiters implements ApplyListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimWaiters.class);
    /**
     * At most one round of retries per 2 ms, whatever the rate of applied entries (see ApplySignal). A round
     * wakes this thread and reads the store; at one per millisecond the node's own idle agent, waiting on types
     * nobody submits, cost half a thread switch per submit at 1,900 single submits a second. A claim waiting on
     * a busy node hears of its job up to 2 ms later; on a quiet one, at once.
     */
    private static final long MIN_RETRY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Claimer claimer;
    private final Transitions transitions;
    private final long recheckMillis;
    private final ScheduledExecutorService thread;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final ApplySignal retrySignal;
    private final ScheduledFuture<?> ticker;

    /**
     * @param transitions gives back jobs claimed for a wait that had ended
     * @param recheckMillis how often waiting claims look again without a commit, for jobs that become due
     *        by time alone
     */
    public ClaimWaiters(Claimer claimer, Transitions transitions, long recheckMillis, String nodeId) {
        this.claimer = claimer;
        this.transitions = transitions;
        this.recheckMillis = recheckMillis;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "blixard-claim-waiters-" + nodeId);
            named.setDaemon(true);
            return named;
        });
        this.retrySignal = new ApplySignal(thread, this::retryAll, MIN_RETRY_INTERVAL_NANOS, System::nanoTime);
        this.ticker = thread.scheduleWithFixedDelay(this::retryAll, recheckMillis, recheckMillis, TimeUnit.MILLISECONDS);
    }

    /** Claims now, and when nothing is claimable waits as the request allows. */
    public CompletionStage<List<Job>> claim(ClaimRequest request) {
        return claimer.claimNow(request).thenCompose(jobs -> {
            if (!jobs.isEmpty() || request.waitFor().isZero()) {
                return CompletableFuture.completedFuture(jobs);
            }
            Waiter waiter = new Waiter(request, System.nanoTime() + request.waitFor().toNanos());
            waiting.add(waiter);
            return waiter.result;
        });
    }

    @Override
    public void applied(long index) {
        if (!waiting.isEmpty()) {
            retrySignal.signal();
        }
    }

    private void retryAll() {
        long now = System.nanoTime();
        // Every applied entry wakes every waiting claim; one read of which types have queued jobs spares the
        // claims that could find nothing a whole claim plan each (an idle agent waits on several types). A
        // drained worker's claim ends now (the claim refuses it), not at its deadline: a worker stopping waits
        // for that answer. Without that read (it failed), every waiting claim tries.
        Claimer.WaitingOutlook outlook = waiting.isEmpty() ? null : outlookOrNull();
        for (Waiter waiter : waiting) {
            if (waiter.busy.get() || waiter.result.isDone()) {
                continue;
            }
            boolean last = now - waiter.deadline >= 0;
            if (!last && outlook != null && !mayFindJobs(waiter.request, outlook.queuedTypes())
                    && !outlook.drainingWorkers().contains(waiter.request.workerId())) {
                continue;
            }
            waiter.busy.set(true);
            claimer.claimNow(waiter.request).whenComplete((jobs, failure) -> {
                if (failure != null) {
                    waiting.remove(waiter);
                    waiter.result.completeExceptionally(failure);
                } else if (!jobs.isEmpty() || last) {
                    waiting.remove(waiter);
                    if (!waiter.result.complete(jobs) && !jobs.isEmpty()) {
                        giveBack(waiter.request.workerId(), jobs);
                    }
                }
                // Free only once answered: a try started in between would claim a second time for one answer.
                waiter.busy.set(false);
            });
        }
        scheduleDeadlines(now);
    }

    /** @return what waiting claims need to know, or {@code null} when it cannot be read */
    private Claimer.WaitingOutlook outlookOrNull() {
        try {
            return claimer.waitingOutlook();
        } catch (RuntimeException e) {
            LOG.debug("Could not read the queued worker types and draining workers; every waiting claim tries: {}",
                    e.toString());
            return null;
        }
    }

    /** A claim naming no types takes its worker's registered ones, unknown here: it always tries. */
    private static boolean mayFindJobs(ClaimRequest request, Set<String> queued) {
        if (request.workerTypes().isEmpty() || queued.contains("*")) {
            return true;
        }
        for (String type : request.workerTypes()) {
            if (queued.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** Makes sure a waiter whose wait ends before the next tick gets its final try on time. */
    private void scheduleDeadlines(long now) {
        for (Waiter waiter : waiting) {
            long left = waiter.deadline - now;
            if (left > 0 && left < TimeUnit.MILLISECONDS.toNanos(recheckMillis) && !waiter.finalTryScheduled) {
                waiter.finalTryScheduled = true;
                thread.schedule(this::retryAll, left, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Returns jobs claimed for a wait that had ended meanwhile (the queue closed): nobody will run them, and
     * their worker's heartbeats would renew their leases for as long as it lives.
     */
    private void giveBack(String workerId, List<Job> jobs) {
        LOG.warn("Claim of worker {} got {} jobs after its wait had ended; they go back to the queue", workerId,
                jobs.size());
        for (Job job : jobs) {
            transitions.releaseAsync(job.id(), workerId, "its claim had ended before the jobs were taken")
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("Job {} claimed by worker {} after its wait ended could not be released; it "
                                    + "returns when the worker's lease lapses: {}", job.id(), workerId, failure.toString());
                        }
                    });
        }
    }

    /** @return how many claims are waiting */
    public int waitingClaims() {
        return waiting.size();
    }

    /** Ends every wait with an empty answer and stops the thread. */
    @Override
    public void close() {
        ticker.cancel(false);
        thread.shutdownNow();
        for (Waiter waiter : waiting) {
            waiter.result.complete(List.of());
        }
        waiting.clear();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The claim waiter thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Waiter {
        final ClaimRequest request;
        final long deadline;
        final CompletableFuture<List<Job>> result = new CompletableFuture<>();
        final AtomicBoolean busy = new AtomicBoolean();
        volatile boolean finalTryScheduled;

        Waiter(ClaimRequest request, long deadline) {
            this.request = request;
            this.deadline = deadline;
        }
    }
}
