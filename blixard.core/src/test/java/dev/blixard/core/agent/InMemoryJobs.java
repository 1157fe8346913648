package dev.blixard.core.agent;

import dev.blixard.api.ConflictException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobFailure;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.JobTransition;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.HeartbeatResponse;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.SubmitResult;
import dev.blixard.api.service.WorkerService;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerRegistration;
import dev.blixard.api.worker.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A minimal job queue and worker registry in memory, for the agent's tests. Every status change goes
 * through {@link JobTransition}, and a write by a worker that does not hold the job's lease is a
 * {@link ConflictException}, as in the real services. Leases never lapse here; tests simulate a lost worker
 * with {@link #forget(String)}. One lock guards everything.
 */
final class InMemoryJobs implements JobCommandService, WorkerService {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Worker> workers = new HashMap<>();
    private final Map<String, List<String>> toCancel = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, Integer> maxLeased = new HashMap<>();
    private final Map<String, Integer> maxInProgress = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "in-memory-jobs-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Every write of a worker that changed a job, as {@code "<verb> <job-id>"}, in order. */
    final Queue<String> calls = new ConcurrentLinkedQueue<>();
    /** Every failure reported, by job id. */
    final Map<String, List<JobFailure>> failures = new HashMap<>();
    private int nextId;
    private int registrations;

    void close() {
        timer.shutdownNow();
    }

    @Override
    public synchronized SubmitResult submit(JobSubmission submission) {
        String id = String.format("job-%06d", ++nextId);
        jobs.put(id, Job.builder(id, submission, Instant.now()).build());
        wake();
        return new SubmitResult(id, true);
    }

    @Override
    public CompletionStage<SubmitResult> submitAsync(JobSubmission submission) {
        return CompletableFuture.completedFuture(submit(submission));
    }

    @Override
    public CompletionStage<List<SubmitResult>> submitBatchAsync(List<JobSubmission> submissions) {
        return CompletableFuture.completedFuture(submitBatch(submissions));
    }

    @Override
    public synchronized List<SubmitResult> submitBatch(List<JobSubmission> submissions) {
        List<SubmitResult> results = new ArrayList<>();
        submissions.forEach(submission -> results.add(submit(submission)));
        return results;
    }

    @Override
    public synchronized CompletionStage<List<Job>> claim(ClaimRequest request) {
        Worker worker = workers.get(request.workerId());
        if (worker == null) {
            return CompletableFuture.failedFuture(new NotFoundException("worker", request.workerId()));
        }
        if (worker.status() == WorkerStatus.DRAINING) {
            return CompletableFuture.failedFuture(new ConflictException("worker " + worker.id() + " is draining"));
        }
        List<Job> taken = take(request);
        if (!taken.isEmpty() || request.waitFor().isZero()) {
            return CompletableFuture.completedFuture(taken);
        }
        Waiter waiter = new Waiter(request, new CompletableFuture<>());
        waiters.add(waiter);
        timer.schedule(() -> expire(waiter), request.waitFor().toMillis(), TimeUnit.MILLISECONDS);
        return waiter.answer;
    }

    @Override
    public synchronized Job start(String jobId, String workerId) {
        Job job = held(jobId, workerId);
        Job started = put(job.toBuilder().status(JobTransition.START.apply(job.status())).startedAt(Instant.now()));
        calls.add("start " + jobId);
        maxInProgress.merge(workerId, count(workerId, JobStatus.IN_PROGRESS), Math::max);
        return started;
    }

    @Override
    public synchronized Job complete(String jobId, String workerId, JobResult result) {
        Job job = held(jobId, workerId);
        JobStatus next = JobTransition.COMPLETE.apply(job.status());
        calls.add("complete " + jobId);
        return put(job.toBuilder().status(next).result(result.json()).leaseExpiresAt(null).finishedAt(Instant.now()));
    }

    @Override
    public synchronized Job fail(String jobId, String workerId, JobFailure failure) {
        Job job = held(jobId, workerId);
        boolean again = failure.retryable() && job.attempt() < job.spec().maxAttempts();
        JobStatus next = (again ? JobTransition.REQUEUE : JobTransition.FAIL).apply(job.status());
        calls.add("fail " + jobId);
        failures.computeIfAbsent(jobId, key -> new ArrayList<>()).add(failure);
        if (again) {
            return requeue(job, next, job.attempt(), failure.error());
        }
        return put(job.toBuilder().status(next).error(failure.error()).leaseExpiresAt(null).finishedAt(Instant.now()));
    }

    @Override
    public synchronized Job release(String jobId, String workerId, String reason) {
        Job job = held(jobId, workerId);
        JobStatus next = JobTransition.REQUEUE.apply(job.status());
        calls.add("release " + jobId);
        return requeue(job, next, job.attempt() - 1, reason);
    }

    @Override
    public synchronized HeartbeatResponse heartbeat(String workerId) {
        if (!workers.containsKey(workerId)) {
            throw new NotFoundException("worker", workerId);
        }
        List<String> cancel = toCancel.remove(workerId);
        return new HeartbeatResponse(cancel == null ? List.of() : cancel, Instant.now().plusSeconds(30));
    }

    @Override
    public synchronized Job cancel(String jobId, String reason) {
        Job job = find(jobId);
        JobStatus next = JobTransition.CANCEL.apply(job.status());
        if (job.status().isLeased()) {
            toCancel.computeIfAbsent(job.workerId().orElseThrow(), key -> new ArrayList<>()).add(jobId);
        }
        return put(job.toBuilder().status(next).error(reason).leaseExpiresAt(null).finishedAt(Instant.now()));
    }

    @Override
    public synchronized Job retry(String jobId) {
        Job job = find(jobId);
        Job retried = put(job.toBuilder().status(JobTransition.RETRY.apply(job.status())).attempt(0));
        wake();
        return retried;
    }

    @Override
    public synchronized Worker register(WorkerRegistration registration) {
        registrations++;
        Instant now = Instant.now();
        Worker known = workers.get(registration.workerId());
        WorkerStatus status = known != null && known.status() == WorkerStatus.DRAINING ? WorkerStatus.DRAINING
                : WorkerStatus.ACTIVE;
        Worker worker = new Worker(registration, status, List.of(), "node-1", now, now);
        workers.put(registration.workerId(), worker);
        return worker;
    }

    /** The worker takes nothing new: its waiting claims end empty, its next claims are refused. */
    @Override
    public synchronized Worker drain(String workerId) {
        Worker known = workers.get(workerId);
        if (known == null) {
            throw new NotFoundException("worker", workerId);
        }
        Worker draining = new Worker(known.registration(), WorkerStatus.DRAINING, known.runningJobs(), known.nodeId(),
                known.registeredAt(), Instant.now());
        workers.put(workerId, draining);
        endWaitersOf(workerId, waiter -> waiter.answer.complete(List.of()));
        return draining;
    }

    /** Removes the worker, puts its jobs back, and ends its waiting claims, as the real registry does. */
    @Override
    public synchronized void deregister(String workerId) {
        if (workers.remove(workerId) == null) {
            throw new NotFoundException("worker", workerId);
        }
        requeueJobsOf(workerId);
        endWaitersOf(workerId, waiter -> waiter.answer.completeExceptionally(new NotFoundException("worker", workerId)));
    }

    private void endWaitersOf(String workerId, java.util.function.Consumer<Waiter> end) {
        List<Waiter> ended = new ArrayList<>();
        waiters.removeIf(waiter -> waiter.request.workerId().equals(workerId) && ended.add(waiter));
        ended.forEach(end);
    }

    @Override
    public synchronized Optional<Worker> get(String workerId) {
        return Optional.ofNullable(workers.get(workerId));
    }

    @Override
    public synchronized List<Worker> list() {
        return new ArrayList<>(workers.values());
    }

    /** Simulates a worker declared lost: it is forgotten and its jobs go back to the queue. */
    synchronized void forget(String workerId) {
        workers.remove(workerId);
        requeueJobsOf(workerId);
    }

    synchronized Job job(String jobId) {
        return find(jobId);
    }

    synchronized int registrations() {
        return registrations;
    }

    /** @return the most jobs the worker ever held at once */
    synchronized int maxLeased(String workerId) {
        return maxLeased.getOrDefault(workerId, 0);
    }

    /** @return the most jobs the worker ever had in progress at once */
    synchronized int maxInProgress(String workerId) {
        return maxInProgress.getOrDefault(workerId, 0);
    }

    synchronized List<JobFailure> failuresOf(String jobId) {
        return List.copyOf(failures.getOrDefault(jobId, List.of()));
    }

    /** @return how often a worker wrote {@code verb} (start, complete, fail, release) for the job */
    long calls(String verb, String jobId) {
        return calls.stream().filter((verb + " " + jobId)::equals).count();
    }

    private List<Job> take(ClaimRequest request) {
        List<Job> taken = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (taken.size() == request.maxJobs()) {
                break;
            }
            boolean fits = job.workerTypes().isEmpty()
                    || job.workerTypes().stream().anyMatch(request.workerTypes()::contains);
            if (job.status() == JobStatus.PENDING && fits) {
                taken.add(put(job.toBuilder().status(JobTransition.CLAIM.apply(job.status()))
                        .attempt(job.attempt() + 1).workerId(request.workerId())
                        .leaseExpiresAt(Instant.now().plus(request.lease())).claimedAt(Instant.now())));
            }
        }
        if (!taken.isEmpty()) {
            maxLeased.merge(request.workerId(), leasedBy(request.workerId()), Math::max);
        }
        return taken;
    }

    private void wake() {
        List<Runnable> answers = new ArrayList<>();
        for (Waiter waiter : new ArrayList<>(waiters)) {
            List<Job> taken = take(waiter.request);
            if (!taken.isEmpty()) {
                waiters.remove(waiter);
                answers.add(() -> waiter.answer.complete(taken));
            }
        }
        // Answered on the timer thread, as a real store answers on its own threads, never on the caller's.
        answers.forEach(timer::execute);
    }

    private synchronized void expire(Waiter waiter) {
        if (waiters.remove(waiter)) {
            waiter.answer.complete(List.of());
        }
    }

    private Job requeue(Job job, JobStatus next, int attempt, String error) {
        Job requeued = put(job.toBuilder().status(next).attempt(Math.max(0, attempt)).workerId(null)
                .leaseExpiresAt(null).error(error));
        wake();
        return requeued;
    }

    private void requeueJobsOf(String workerId) {
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.status().isLeased() && job.workerId().orElseThrow().equals(workerId)) {
                requeue(job, JobTransition.REQUEUE.apply(job.status()), job.attempt(), "worker " + workerId + " gone");
            }
        }
    }

    /** @return the job, checked to be held by {@code workerId} if it is leased at all */
    private Job held(String jobId, String workerId) {
        Job job = find(jobId);
        if (job.status().isLeased() && !job.workerId().orElseThrow().equals(workerId)) {
            throw new ConflictException("job " + jobId + " is held by " + job.workerId().orElseThrow());
        }
        return job;
    }

    private Job find(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new NotFoundException("job", jobId);
        }
        return job;
    }

    private Job put(Job.Builder builder) {
        Job job = builder.updatedAt(Instant.now()).build();
        jobs.put(job.id(), job);
        return job;
    }

    private int count(String workerId, JobStatus status) {
        return (int) jobs.values().stream()
                .filter(job -> job.status() == status && workerId.equals(job.workerId().orElse(null))).count();
    }

    private int leasedBy(String workerId) {
        return (int) jobs.values().stream()
                .filter(job -> job.status().isLeased() && workerId.equals(job.workerId().orElse(null))).count();
    }

    /** A claim waiting for a job. */
    private static final class Waiter {
        final ClaimRequest request;
        final CompletableFuture<List<Job>> answer;

        Waiter(ClaimRequest request, CompletableFuture<List<Job>> answer) {
            this.request = request;
            this.answer = answer;
        }
    }
}
