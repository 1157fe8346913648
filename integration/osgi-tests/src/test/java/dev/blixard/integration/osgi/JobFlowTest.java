package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.blixard.api.Page;
import dev.blixard.api.event.JobEvent;
import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.ReadConsistency;
import dev.blixard.api.service.SubmitResult;
import dev.blixard.api.service.WorkerService;
import dev.blixard.api.worker.Worker;
import dev.blixard.api.worker.WorkerStatus;

/**
 * Proves the job flow end to end in one node, through the OSGi services only: jobs submitted with
 * {@link JobCommandService} are claimed by the node's worker agent, run on the {@code mock}
 * {@code ExecutionBackend} and reported, each exactly once, as {@link JobQueryService} and the
 * {@code blixard/job/*} Event Admin events show.
 *
 * <ul>
 * <li>{@link #thousandMockJobsCompleteExactlyOnce()}: 1,000 short jobs all complete, each with exactly one
 * attempt, a result, and exactly one {@code COMPLETED} event.</li>
 * <li>{@link #mockBundleUninstalledMidRunLosesNothing()}: uninstalling the mock backend bundle while jobs
 * run makes the agent give them back at once (attempt outcome {@code RELEASED}, not counted against
 * {@code max_attempts = 1}); once the bundle is installed again every job completes exactly once and
 * none fails.</li>
 * </ul>
 *
 * <p>The tests share one framework ({@link PerClass}); each uses its own tenant, starts from a queue with
 * no unfinished job, and undoes its configuration and bundle changes, so their order does not matter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobFlowTest extends BlixardTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JobFlowTest.class);

    private static final String MOCK_BUNDLE = "blixard.backend.mock";
    private static final String MOCK_TYPE = "mock";
    private static final String AGENT_PID = "blixard.agent";
    private static final String MOCK_PID = "blixard.backend.mock";
    /**
     * The mock's {@code max_concurrent_executions()} attribute as a configuration key: Declarative
     * Services (and the generated metatype) map each single {@code _} of the method name to {@code .}.
     */
    private static final String MOCK_LIMIT_KEY = "max.concurrent.executions";
    /** The agent's {@code capacities()} attribute: per-type capacities as {@code type=N}. */
    private static final String AGENT_CAPACITIES_KEY = "capacities";
    /** Both components' defaults: the agent's {@code capacity}, the mock's {@code max_concurrent_executions}. */
    private static final int DEFAULT_CAPACITY = 64;
    /** The mock's limit in the uninstall test; the agent takes min(its capacity, the backend's limit). */
    private static final int MOCK_LIMIT = 48;
    /**
     * The agent's capacity for mock in the uninstall test: fewer jobs at once stretch the run, so the
     * uninstall surely meets running jobs. Distinct from {@link #MOCK_LIMIT} and the default, so the
     * worker's registered capacity tells which configuration it runs with.
     */
    private static final int AGENT_MOCK_CAPACITY = 32;

    private static final int JOBS = 1_000;
    private static final int PAGE_SIZE = 100;
    private static final long RUN_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);
    /** How long the agent may take to give every job back once its backend is gone. */
    private static final long RELEASE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);
    private static final Set<JobStatus> UNFINISHED =
            EnumSet.of(JobStatus.PENDING, JobStatus.CLAIMED, JobStatus.IN_PROGRESS);

    private JobCommandService commands;
    private JobQueryService queries;
    private WorkerService workers;
    private ConfigurationAdmin configurationAdmin;
    private String mockWorkerId;
    private JobEventRecorder events;
    /** PIDs this test configured, in order; deleted in reverse order after it. */
    private final List<String> configuredPids = new ArrayList<>();

    @Before
    public void awaitIdleNodeWithMockWorker() {
        commands = awaitService(JobCommandService.class);
        queries = awaitService(JobQueryService.class);
        workers = awaitService(WorkerService.class);
        configurationAdmin = awaitService(ConfigurationAdmin.class);
        mockWorkerId = bundleContext.getProperty("blixard.node.id") + ":" + MOCK_TYPE;
        awaitMockWorker(DEFAULT_CAPACITY);
        QueueStats stats = queries.stats();
        long unfinished = UNFINISHED.stream().mapToLong(stats::count).sum();
        assertEquals("unfinished jobs left in the queue before the test (another test's?): " + stats.byStatus(), 0,
                unfinished);
    }

    @After
    public void restoreNode() throws BundleException, IOException {
        if (events != null) {
            events.close();
        }
        if (installedBundle(MOCK_BUNDLE).isEmpty()) {
            installMockBundle();
        }
        // Undo the configuration one PID at a time, each time waiting for the worker it re-creates, so the
        // next test cannot meet a worker restarting under it (a restart gives its jobs back).
        for (int i = configuredPids.size() - 1; i >= 0; i--) {
            String pid = configuredPids.get(i);
            Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
            configuration.delete();
            awaitMockWorker(AGENT_PID.equals(pid) ? MOCK_LIMIT : DEFAULT_CAPACITY);
        }
        configuredPids.clear();
    }

    /**
     * 1,000 jobs of 0–20 ms, submitted in one batch with {@code max_attempts = 1}: every one completes,
     * with exactly one attempt (outcome {@code COMPLETED}), its own result (with {@code exit_code} and the
     * output its payload asked for), and exactly one {@code blixard/job/COMPLETED} event.
     */
    @Test
    public void thousandMockJobsCompleteExactlyOnce() {
        String tenant = "flow-exactly-once";
        events = JobEventRecorder.subscribe(bundleContext, tenant);
        QueueStats before = queries.stats();
        long started = System.nanoTime();

        List<String> ids = submit(tenant, i -> i % 21);
        QueueStats after = awaitCompleted(before, JOBS);
        LOG.info("{} mock jobs of 0-20 ms completed in {} ms", JOBS, millisSince(started));
        assertEquals("jobs failed: " + after.byStatus(), before.count(JobStatus.FAILED), after.count(JobStatus.FAILED));

        List<Job> listed = listAll(tenant);
        assertEquals("the jobs listed page by page are not the jobs submitted", new HashSet<>(ids),
                listed.stream().map(Job::id).collect(Collectors.toSet()));
        for (int i = 0; i < ids.size(); i++) {
            Job job = get(ids.get(i));
            assertEquals(job + " status", JobStatus.COMPLETED, job.status());
            assertEquals(job + " attempts: " + job.attempts(), 1, job.attempts().size());
            JobAttempt attempt = job.attempts().get(0);
            assertEquals(job + " attempt outcome", AttemptOutcome.COMPLETED, attempt.outcome());
            assertEquals(job + " attempt's worker", mockWorkerId, attempt.workerId());
            String result = job.result().orElse("");
            assertTrue(job + " result has no exit_code: " + result, result.contains("\"exit_code\""));
            assertTrue(job + " result is not the one of its own payload (index " + i + "): " + result,
                    result.contains("\"output\":{\"index\":" + i + "}"));
        }

        awaitEvents(JobEvent.COMPLETED, JOBS);
        for (String id : ids) {
            assertEquals("COMPLETED events of job " + id, 1, events.count(JobEvent.COMPLETED, id));
        }
        assertEquals("COMPLETED events in all", JOBS, events.total(JobEvent.COMPLETED));
        LOG.info("{} jobs submitted, completed and checked in {} ms", JOBS, millisSince(started));
    }

    /**
     * 1,000 jobs of 50–200 ms with {@code max_attempts = 1}. While some have completed and others run,
     * the mock backend bundle is uninstalled: within 5 s no job is leased any
     * more, the ones that were are Pending again with their attempt closed as {@code RELEASED}, none
     * failed, and the mock worker is deregistered. The bundle is then installed again from the runtime
     * set's jar: every job completes, each with exactly one {@code COMPLETED} attempt (its last), every
     * earlier attempt {@code RELEASED}, one {@code COMPLETED} event and one {@code REQUEUED} event per
     * released attempt.
     */
    @Test
    public void mockBundleUninstalledMidRunLosesNothing() throws Exception {
        String tenant = "flow-backend-loss";
        configure(MOCK_PID, Map.of(MOCK_LIMIT_KEY, MOCK_LIMIT));
        awaitMockWorker(MOCK_LIMIT);
        configure(AGENT_PID, Map.of(AGENT_CAPACITIES_KEY, new String[] {MOCK_TYPE + "=" + AGENT_MOCK_CAPACITY}));
        awaitMockWorker(AGENT_MOCK_CAPACITY);
        events = JobEventRecorder.subscribe(bundleContext, tenant);
        QueueStats before = queries.stats();

        List<String> ids = submit(tenant, i -> 50 + (i * 37) % 151);
        QueueStats midRun = Poll.until(RUN_TIMEOUT_MS, queries::stats,
                s -> completedSince(before, s) >= 100 && leased(s) > 0);
        assertTrue("never saw jobs completed and others running at once: " + midRun.byStatus(),
                completedSince(before, midRun) >= 100 && leased(midRun) > 0);

        Bundle mock = installedBundle(MOCK_BUNDLE).orElseThrow();
        long uninstalling = System.nanoTime();
        mock.uninstall();
        long uninstallMs = millisSince(uninstalling);
        QueueStats released = Poll.until(RELEASE_TIMEOUT_MS, queries::stats, s -> leased(s) == 0);
        LOG.info("Mock bundle uninstalled in {} ms with {} jobs completed and {} leased; {} ms later: {}",
                uninstallMs, completedSince(before, midRun), leased(midRun), millisSince(uninstalling),
                released.byStatus());
        assertEquals("jobs still leased " + millisSince(uninstalling) + " ms after the mock bundle was uninstalled: "
                + released.byStatus(), 0, leased(released));
        assertEquals("jobs failed: " + released.byStatus(), before.count(JobStatus.FAILED),
                released.count(JobStatus.FAILED));
        assertTrue("every job had completed before the uninstall; nothing was tested: " + released.byStatus(),
                released.count(JobStatus.PENDING) > 0);
        Optional<Worker> goneWorker = Poll.until(RELEASE_TIMEOUT_MS, () -> workers.get(mockWorkerId),
                Optional::isEmpty);
        assertTrue("worker " + mockWorkerId + " still registered without its backend: " + goneWorker,
                goneWorker.isEmpty());

        int releasedJobs = 0;
        for (Job listed : listAll(tenant)) {
            Job job = get(listed.id());
            assertTrue(job + " is neither Pending nor Completed without a backend", job.status() == JobStatus.PENDING
                    || job.status() == JobStatus.COMPLETED);
            if (job.status() == JobStatus.PENDING && !job.attempts().isEmpty()) {
                releasedJobs++;
                for (JobAttempt attempt : job.attempts()) {
                    assertEquals(job + " attempt " + attempt.number() + " of a job given back: " + job.attempts(),
                            AttemptOutcome.RELEASED, attempt.outcome());
                }
            }
        }
        assertTrue("no job was given back although " + leased(midRun) + " were leased just before the uninstall",
                releasedJobs > 0);

        installMockBundle();
        awaitMockWorker(AGENT_MOCK_CAPACITY);
        QueueStats after = awaitCompleted(before, JOBS);
        assertEquals("jobs failed: " + after.byStatus(), before.count(JobStatus.FAILED), after.count(JobStatus.FAILED));

        Map<String, Integer> releasedAttempts = new LinkedHashMap<>();
        for (String id : ids) {
            Job job = get(id);
            assertEquals(job + " status", JobStatus.COMPLETED, job.status());
            List<JobAttempt> attempts = job.attempts();
            assertTrue(job + " has no attempt", !attempts.isEmpty());
            JobAttempt last = attempts.get(attempts.size() - 1);
            assertEquals(job + " last attempt's outcome: " + attempts, AttemptOutcome.COMPLETED, last.outcome());
            assertEquals(job + " attempt numbers: " + attempts, attempts.size(), last.number());
            for (JobAttempt earlier : attempts.subList(0, attempts.size() - 1)) {
                assertEquals(job + " earlier attempt " + earlier.number() + ": " + attempts, AttemptOutcome.RELEASED,
                        earlier.outcome());
            }
            assertTrue(job + " result has no exit_code: " + job.result(),
                    job.result().orElse("").contains("\"exit_code\""));
            releasedAttempts.put(id, attempts.size() - 1);
        }
        long jobsReleased = releasedAttempts.values().stream().filter(n -> n > 0).count();
        assertTrue("only " + jobsReleased + " jobs show a RELEASED attempt; " + releasedJobs
                + " were Pending with one after the uninstall", jobsReleased >= releasedJobs);

        awaitEvents(JobEvent.COMPLETED, JOBS);
        int releasedTotal = releasedAttempts.values().stream().mapToInt(Integer::intValue).sum();
        Poll.until(COMPONENT_SETTLE_TIMEOUT_MS, () -> events.total(JobEvent.REQUEUED), n -> n >= releasedTotal);
        for (String id : ids) {
            assertEquals("COMPLETED events of job " + id, 1, events.count(JobEvent.COMPLETED, id));
            assertEquals("REQUEUED events of job " + id, (int) releasedAttempts.get(id),
                    events.count(JobEvent.REQUEUED, id));
        }
        assertEquals("FAILED events", 0, events.total(JobEvent.FAILED));
    }

    /** Submits {@value #JOBS} mock jobs in one batch; job {@code i} runs {@code durationMs(i)} ms. */
    private List<String> submit(String tenant, IntFunction<Integer> durationMs) {
        List<JobSubmission> submissions = new ArrayList<>(JOBS);
        for (int i = 0; i < JOBS; i++) {
            String payload = "{\"duration_ms\":" + durationMs.apply(i) + ",\"outcome\":\"success\",\"output\":{\"index\":"
                    + i + "}}";
            submissions.add(JobSubmission.builder(payload).workerTypes(MOCK_TYPE).maxAttempts(1).tenant(tenant).build());
        }
        List<SubmitResult> results = commands.submitBatch(submissions);
        assertEquals("results of the batch", JOBS, results.size());
        List<String> ids = results.stream().map(SubmitResult::jobId).collect(Collectors.toList());
        assertTrue("a job of the batch was not created: " + results, results.stream().allMatch(SubmitResult::created));
        assertEquals("job ids are not unique", JOBS, new HashSet<>(ids).size());
        return ids;
    }

    /**
     * Waits until {@code count} more jobs are Completed than in {@code before}, or a job failed, or the
     * run timeout passed; fails unless exactly {@code count} more completed.
     */
    private QueueStats awaitCompleted(QueueStats before, int count) {
        QueueStats stats = Poll.until(RUN_TIMEOUT_MS, queries::stats, s -> completedSince(before, s) >= count
                || s.count(JobStatus.FAILED) > before.count(JobStatus.FAILED));
        assertEquals("jobs completed within " + RUN_TIMEOUT_MS + " ms: " + stats.byStatus(), count,
                completedSince(before, stats));
        return stats;
    }

    private void awaitEvents(JobEvent event, int jobs) {
        int seen = Poll.until(COMPONENT_SETTLE_TIMEOUT_MS, () -> events.jobsWith(event), n -> n >= jobs);
        assertEquals("jobs with a " + event.topic() + " event", jobs, seen);
    }

    /** Every job of the tenant, newest first, page by page with the cursor. */
    private List<Job> listAll(String tenant) {
        List<Job> jobs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Job> page = queries.list(JobQuery.builder().tenant(tenant).limit(PAGE_SIZE).cursor(cursor).build());
            for (Job job : page.items()) {
                assertTrue("job " + job.id() + " listed twice (page " + pages + ")", seen.add(job.id()));
                jobs.add(job);
            }
            cursor = page.nextCursor();
            pages++;
            assertTrue("paging does not end after " + pages + " pages", pages <= JOBS / PAGE_SIZE + 1);
        } while (cursor != null);
        return jobs;
    }

    private Job get(String id) {
        Optional<Job> job = queries.get(id, ReadConsistency.LINEARIZABLE);
        assertTrue("job " + id + " not found", job.isPresent());
        return job.get();
    }

    /**
     * Waits until the node's mock worker is registered, active, with {@code capacity}: the sign that the
     * agent runs the mock backend with the configuration the test expects.
     */
    private void awaitMockWorker(int capacity) {
        Optional<Worker> worker = Poll.until(SERVICE_TIMEOUT_MS, () -> workers.get(mockWorkerId),
                w -> w.isPresent() && w.get().status() == WorkerStatus.ACTIVE
                        && w.get().registration().capacity() == capacity);
        assertTrue("worker " + mockWorkerId + " is not active with capacity " + capacity + " after "
                + SERVICE_TIMEOUT_MS + " ms: " + worker, worker.isPresent()
                && worker.get().status() == WorkerStatus.ACTIVE && worker.get().registration().capacity() == capacity);
    }

    /** Sets a configuration visible to every bundle ("?": also to the mock bundle once reinstalled). */
    private void configure(String pid, Map<String, Object> properties) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        configuration.update(dictionary);
        configuredPids.add(pid);
    }

    /** Installs and starts the mock backend from the runtime set's jar, as the launcher ships it. */
    private void installMockBundle() throws BundleException {
        String location = BlixardRuntimeOptions.runtimeJar(MOCK_BUNDLE).toUri().toString();
        Bundle mock = bundleContext.installBundle(location);
        mock.start();
        assertEquals("reinstalled " + describe(mock), Bundle.ACTIVE, mock.getState());
    }

    private static long completedSince(QueueStats before, QueueStats now) {
        return now.count(JobStatus.COMPLETED) - before.count(JobStatus.COMPLETED);
    }

    private static long leased(QueueStats stats) {
        return stats.count(JobStatus.CLAIMED) + stats.count(JobStatus.IN_PROGRESS);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
