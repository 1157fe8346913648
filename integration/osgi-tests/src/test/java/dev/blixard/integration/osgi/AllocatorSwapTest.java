package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.service.ClaimRequest;
import dev.blixard.api.service.JobCommandService;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Proves that placement is a whiteboard in the running node: an allocator registered with a higher
 * {@code service.ranking} than the built-in first fit decides the very next claim, and once it is
 * unregistered the next claim is first fit again. The jobs are of a worker type no backend of the node
 * runs, so only this test claims them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AllocatorSwapTest extends BlixardTestSupport {
    private static final String TYPE = "allocator-swap";

    /** Takes the newest candidate first: the opposite of queue order, so its decisions are visible. */
    private static final class NewestFirst implements ResourceAllocator {
        @Override
        public PluginMetadata metadata() {
            return new PluginMetadata("test.newest-first", "1.0.0", "Blixard tests", "Takes the newest job first.");
        }

        @Override
        public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
            List<Job> reversed = new ArrayList<>(candidates);
            Collections.reverse(reversed);
            return reversed.subList(0, Math.min(maxJobs, reversed.size()));
        }
    }

    @Test
    public void aHigherRankedAllocatorDecidesTheNextClaimAndLeavesCleanly() throws Exception {
        JobCommandService commands = awaitService(JobCommandService.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(commands.submit(JobSubmission.builder("{\"n\":" + i + "}").workerTypes(TYPE).build()).jobId());
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, 1_000);
        ServiceRegistration<ResourceAllocator> registration =
                bundleContext.registerService(ResourceAllocator.class, new NewestFirst(), properties);
        try {
            assertEquals("the newest-first allocator decided", ids.get(2), claimOne(commands));
        } finally {
            registration.unregister();
        }
        assertEquals("first fit (queue order) decided again", ids.get(0), claimOne(commands));
        for (String id : ids) {
            commands.cancel(id, "test done");
        }
    }

    private static String claimOne(JobCommandService commands) throws Exception {
        List<Job> claimed = commands.claim(ClaimRequest.builder("allocator-swap-worker").workerTypes(TYPE).maxJobs(1)
                .build()).toCompletableFuture().get(SERVICE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals("jobs claimed: " + claimed, 1, claimed.size());
        return claimed.get(0).id();
    }
}
