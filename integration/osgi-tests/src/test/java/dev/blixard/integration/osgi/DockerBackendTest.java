package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.HealthState;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code docker} backend in the node's real bundle set, with docker-java embedded in its bundle (the bundle
 * resolves and its component activates in Felix): a job submitted through the queue runs in a container on the
 * test engine (scripts/test-dockerd.sh) and its output comes back in the result; stopping the backend's bundle
 * while a container runs gives the job back without counting an attempt and removes the container, and the job
 * completes once the bundle is back (the command behaves differently on its second attempt).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DockerBackendTest extends BackendBundleTestSupport {

    /** Driver side, before the framework starts: the test engine answers (started if needed). */
    @BeforeClass
    public static void engine() throws IOException, InterruptedException {
        TestDockerd.ensure();
    }

    @Override
    protected String backendType() {
        return "docker";
    }

    /** Points the backend at the test engine and waits until it reports the engine up. */
    @Before
    public void configureTheTestEngine() throws IOException {
        Configuration configuration = awaitService(ConfigurationAdmin.class).getConfiguration("blixard.backend.docker", "?");
        if (configuration.getProperties() == null) {
            // Once per framework: every update re-creates the component, which gives its worker's jobs back.
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("docker.host", "unix://" + TestDockerd.SOCKET);
            properties.put("health.refresh.ms", 500L);
            configuration.update(properties);
        }
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + ExecutionBackend.class.getName() + ")(component.name=*docker*))";
        Poll.until(SERVICE_TIMEOUT_MS, () -> {
            ExecutionBackend backend = (ExecutionBackend) bundleContext.getService(awaitServiceReference("the docker backend", filter));
            return backend.health();
        }, health -> health.health().state() == HealthState.UP
                && health.health().details().getOrDefault("docker.host", "").endsWith(TestDockerd.SOCKET.toString()));
        awaitBackendWorker();
    }

    @Test
    public void theBundleEmbedsDockerJavaAndADockerJobRunsThroughTheQueue() {
        Bundle docker = backendBundle();
        assertEquals(describe(docker), Bundle.ACTIVE, docker.getState());
        assertTrue(docker.getHeaders().get(Constants.BUNDLE_CLASSPATH),
                docker.getHeaders().get(Constants.BUNDLE_CLASSPATH).contains("docker-java-core"));

        String id = commands.submit(JobSubmission.builder("{\"image\": \"" + TestDockerd.IMAGE + "\", \"cmd\": [\"sh\", \"-c\","
                + " \"echo running $BLIXARD_JOB_ID; echo oops >&2; ls /sys/class/net; exit 4\"]}")
                .workerTypes("docker").maxAttempts(1).build()).jobId();
        Job job = awaitStatus(id, JobStatus.FAILED);
        String result = job.result().orElseThrow();
        assertTrue(result, result.contains("\"stdout\":\"running " + id + "\\nlo\\n\""));
        assertTrue(result, result.contains("\"stderr\":\"oops\\n\""));
        assertTrue(result, result.contains("\"exit_code\":4"));
        assertTrue(result, result.contains("\"oom_killed\":false"));
        assertTrue(job.error().orElse(""), job.error().orElse("").contains("exited with code 4"));
        assertEquals("no container of the job is left", "[]", TestDockerd.containersLabelled("blixard.job.id", id).trim());
    }

    @Test
    public void stoppingTheBundleMidJobGivesTheJobBackAndRemovesItsContainer() throws Exception {
        String id = commands.submit(JobSubmission.builder("{\"image\": \"" + TestDockerd.IMAGE + "\", \"cmd\": [\"sh\", \"-c\","
                + " \"if [ $BLIXARD_ATTEMPT = 1 ]; then exec sleep 300; fi; echo attempt $BLIXARD_ATTEMPT\"]}")
                .workerTypes("docker").maxAttempts(1).build()).jobId();
        awaitStatus(id, JobStatus.IN_PROGRESS);
        Poll.until(RUN_TIMEOUT_MS, () -> TestDockerd.containersLabelled("blixard.job.id", id), found -> found.contains("\"running\""));

        Bundle docker = backendBundle();
        docker.stop();
        Job released = awaitStatus(id, JobStatus.PENDING);
        List<JobAttempt> attempts = released.attempts();
        assertEquals(released.toString(), AttemptOutcome.RELEASED, attempts.get(attempts.size() - 1).outcome());
        assertEquals("the stopped backend removed the job's container", "[]",
                TestDockerd.containersLabelled("blixard.job.id", id).trim());

        docker.start();
        Job completed = awaitStatus(id, JobStatus.COMPLETED);
        assertTrue(completed.result().orElseThrow(), completed.result().orElseThrow().contains("attempt 2"));
        List<JobAttempt> all = completed.attempts();
        assertEquals(AttemptOutcome.COMPLETED, all.get(all.size() - 1).outcome());
    }
}
