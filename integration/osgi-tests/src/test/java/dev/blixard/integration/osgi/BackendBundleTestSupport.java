package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.service.JobQueryService;
import dev.blixard.api.service.ReadConsistency;
import dev.blixard.api.service.WorkerService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * What the tests of one execution backend in the node's bundle set share: the job services, the node's worker
 * for the backend's type up before a test starts, the backend's bundle (which a test may stop) started again
 * after it, and waiting for a job to reach a status.
 */
public abstract class BackendBundleTestSupport extends BlixardTestSupport {

    protected static final long RUN_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    protected JobCommandService commands;
    protected JobQueryService queries;

    /** @return the worker type the backend runs; its bundle is {@code blixard.backend.<type>} */
    protected abstract String backendType();

    @Before
    public void awaitBackendWorker() {
        commands = awaitService(JobCommandService.class);
        queries = awaitService(JobQueryService.class);
        WorkerService workers = awaitService(WorkerService.class);
        String workerId = bundleContext.getProperty("blixard.node.id") + ":" + backendType();
        Poll.until(SERVICE_TIMEOUT_MS, () -> workers.get(workerId), Optional::isPresent).orElseThrow();
    }

    @After
    public void restartTheBundleIfATestStoppedIt() throws BundleException {
        Bundle backend = backendBundle();
        if (backend.getState() != Bundle.ACTIVE) {
            backend.start();
        }
    }

    protected Bundle backendBundle() {
        return installedBundle("blixard.backend." + backendType()).orElseThrow();
    }

    protected Job awaitStatus(String id, JobStatus status) {
        Job job = Poll.until(RUN_TIMEOUT_MS, () -> queries.get(id, ReadConsistency.LOCAL).orElseThrow(),
                current -> current.status() == status);
        assertEquals(job.toString(), status, job.status());
        return job;
    }
}
