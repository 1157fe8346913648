package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The {@code local} backend in the node's real bundle set: a job submitted through the queue runs as a real
 * process and its output comes back in the result; stopping the backend's bundle while a job runs gives the
 * job back to the queue without counting an attempt and leaves no process, and the job runs again, to the
 * end, once the bundle is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LocalBackendTest extends BackendBundleTestSupport {

    @Override
    protected String backendType() {
        return "local";
    }

    @Test
    public void aLocalJobRunsAsAProcessAndItsOutputComesBack() {
        String id = commands.submit(JobSubmission.builder(
                "{\"command\": [\"sh\", \"-c\", \"echo running $BLIXARD_JOB_ID; echo oops >&2; exit 4\"]}")
                .workerTypes("local").maxAttempts(1).build()).jobId();
        Job job = awaitStatus(id, JobStatus.FAILED);
        String result = job.result().orElseThrow();
        assertTrue(result, result.contains("\"stdout\":\"running " + id + "\\n\""));
        assertTrue(result, result.contains("\"stderr\":\"oops\\n\""));
        assertTrue(result, result.contains("\"exit_code\":4"));
        assertTrue(job.error().orElse(""), job.error().orElse("").contains("exited with code 4"));
    }

    @Test
    public void thePayloadsOwnTimeoutEndsTheJobAndIsTheOneReported() {
        String id = commands.submit(JobSubmission.builder(
                "{\"command\": [\"sleep\", \"30\"], \"timeout_ms\": 300}")
                .workerTypes("local").maxAttempts(1).build()).jobId();
        Job job = awaitStatus(id, JobStatus.FAILED);
        assertTrue(job.error().orElse(""), job.error().orElse("").endsWith("timed out after 300 ms"));
    }

    @Test
    public void stoppingTheBundleMidJobGivesTheJobBackAndLeavesNoProcess() throws Exception {
        Path scratch = Files.createTempDirectory("blixard-local-it");
        Path pidFile = scratch.resolve("pid");
        Path firstRun = scratch.resolve("first-run");
        try {
            runStopAndRestartMidJob(pidFile, firstRun);
        } finally {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(firstRun);
            Files.deleteIfExists(scratch);
        }
    }

    private void runStopAndRestartMidJob(Path pidFile, Path firstRun) throws Exception {
        // The first run records its PID and waits; the run after the restart finds it was there and finishes.
        String script = "if [ -e " + firstRun + " ]; then echo second run; exit 0; fi; touch " + firstRun
                + "; echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile + "; exec sleep 300";
        String id = commands.submit(JobSubmission.builder("{\"command\": [\"sh\", \"-c\", \"" + script + "\"]}")
                .workerTypes("local").maxAttempts(1).build()).jobId();
        long pid = Poll.until(RUN_TIMEOUT_MS, () -> readPid(pidFile), found -> found > 0);
        assertTrue("the job's process " + pid + " runs", running(pid));

        Bundle local = backendBundle();
        local.stop();
        Job released = awaitStatus(id, JobStatus.PENDING);
        assertFalse("process " + pid + " outlived the stopped backend", running(pid));
        List<JobAttempt> attempts = released.attempts();
        assertEquals(released.toString(), AttemptOutcome.RELEASED, attempts.get(attempts.size() - 1).outcome());

        local.start();
        Job completed = awaitStatus(id, JobStatus.COMPLETED);
        assertTrue(completed.result().orElseThrow(), completed.result().orElseThrow().contains("second run"));
        List<JobAttempt> all = completed.attempts();
        assertEquals(AttemptOutcome.COMPLETED, all.get(all.size() - 1).outcome());
        assertTrue("max_attempts 1 was enough: the released attempt did not count", all.size() >= 2);
    }


    private static long readPid(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A zombie does not run: this container's init may never reap a killed orphan. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
