package dev.blixard.core.placement;

import static dev.blixard.core.placement.Placements.ids;
import static dev.blixard.core.placement.Placements.job;
import static dev.blixard.core.placement.Placements.worker;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.HealthState;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ResourceAllocator;
import dev.blixard.api.worker.Worker;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

public class AllocatorWhiteboardTest {
    private final AllocatorWhiteboard whiteboard = new AllocatorWhiteboard();
    private final AtomicLong serviceIds = new AtomicLong();
    private final Worker worker = worker(8, Resources.NONE);
    private final List<Job> candidates = List.of(job("a"), job("b"), job("c"), job("d"));

    @Test
    public void withoutAllocatorsFirstFitDecides() {
        assertEquals(List.of("a", "b"), ids(whiteboard.choose(worker, candidates, 2)));
        assertTrue(whiteboard.activeAllocator(), whiteboard.activeAllocator().startsWith("blixard.allocator.firstfit"));
        assertEquals(HealthState.UP, whiteboard.health().state());
    }

    @Test
    public void theHighestRankingDecides() {
        register(fixed("low", "a"), 0);
        register(fixed("high", "b"), 200);
        register(fixed("middle", "c"), 100);

        assertEquals(List.of("b"), ids(whiteboard.choose(worker, candidates, 4)));
        assertEquals("high", whiteboard.activeAllocator());
    }

    @Test
    public void onATieTheLowestServiceIdDecides() {
        register(fixed("older", "a"), 10);
        register(fixed("newer", "b"), 10);

        assertEquals(List.of("a"), ids(whiteboard.choose(worker, candidates, 4)));
    }

    @Test
    public void aHigherRankedAllocatorTakesOverOnTheNextClaimAndHandsBackWhenItGoes() {
        register(new FirstFitAllocator(), 100);
        assertEquals(List.of("a", "b", "c", "d"), ids(whiteboard.choose(worker, candidates, 4)));

        ServiceReference<ResourceAllocator> spread = register(new SpreadAllocator(0.5), 200);
        // Half of 4 free slots.
        assertEquals(List.of("a", "b"), ids(whiteboard.choose(worker(4, Resources.NONE), candidates, 4)));
        assertEquals("blixard.allocator.spread", whiteboard.activeAllocator());

        whiteboard.removeAllocator(spread);
        assertEquals("blixard.allocator.firstfit", whiteboard.activeAllocator());
    }

    @Test
    public void aRankingChangedByConfigurationTakesEffectOnTheNextClaim() {
        Map<String, Object> bestFitProperties = new HashMap<>();
        register(new FirstFitAllocator(), 100);
        register(new BestFitAllocator(), bestFitProperties, 0);
        List<Job> sized = List.of(job("small", new Resources(1, 0, 0)), job("big", new Resources(3, 0, 0)));
        Worker limited = worker(4, new Resources(3, 0, 0));
        assertEquals(List.of("small"), ids(whiteboard.choose(limited, sized, 4)));

        bestFitProperties.put(Constants.SERVICE_RANKING, 500);

        assertEquals(List.of("big"), ids(whiteboard.choose(limited, sized, 4)));
        assertEquals("blixard.allocator.bestfit", whiteboard.activeAllocator());
    }

    @Test
    public void aThrowingAllocatorFallsBackToFirstFitAndIsReported() {
        register(allocator("broken", (worker, jobs) -> {
            throw new IllegalStateException("boom");
        }), 100);

        assertEquals(List.of("a", "b"), ids(whiteboard.choose(worker, candidates, 2)));
        assertEquals(List.of("a", "b"), ids(whiteboard.choose(worker, candidates, 2)));

        assertEquals(Map.of("broken", "2 failures, last: IllegalStateException: boom"), whiteboard.failures());
        assertEquals(HealthState.DEGRADED, whiteboard.health().state());
    }

    @Test
    public void junkAnswersFallBackToFirstFit() {
        Job foreign = job("x");
        Job lookalike = job("a", new Resources(1, 0, 0));
        Map<String, List<Job>> answers = Map.of(
                "foreign", List.of(candidates.get(0), foreign),
                "lookalike", List.of(lookalike),
                "twice", List.of(candidates.get(1), candidates.get(1)),
                "too-many", candidates);
        answers.forEach((name, answer) -> {
            AllocatorWhiteboard board = new AllocatorWhiteboard();
            board.addAllocator(reference(new HashMap<>()), allocator(name, (w, jobs) -> answer));
            assertEquals(name, List.of("a", "b"), ids(board.choose(worker, candidates, 2)));
            assertEquals(name, 1, board.failures().size());
        });
        AllocatorWhiteboard board = new AllocatorWhiteboard();
        board.addAllocator(reference(new HashMap<>()), allocator("null", (w, jobs) -> null));
        assertEquals(List.of("a", "b"), ids(board.choose(worker, candidates, 2)));
        assertTrue(board.failures().get("null").endsWith("returned null"));
    }

    @Test
    public void aProperSubsetInAnyOrderIsTakenAsItIs() {
        register(fixed("picky", "d", "b"), 1);

        assertEquals(List.of("d", "b"), ids(whiteboard.choose(worker, candidates, 2)));
        assertEquals(Map.of(), whiteboard.failures());
    }

    @Test
    public void noCandidatesOrNoRoomAsksNobody() {
        register(allocator("broken", (worker, jobs) -> {
            throw new IllegalStateException("boom");
        }), 100);

        assertEquals(List.of(), whiteboard.choose(worker, List.of(), 4));
        assertEquals(List.of(), whiteboard.choose(worker, candidates, 0));
        assertEquals(Map.of(), whiteboard.failures());
    }

    @Test
    public void releaseReachesEveryAllocatorAndSurvivesAThrowingOne() {
        List<String> released = new ArrayList<>();
        register(allocator("throws", (worker, jobs) -> jobs, jobId -> {
            throw new IllegalStateException("boom");
        }), 0);
        register(allocator("active", (worker, jobs) -> jobs, released::add), 200);
        register(allocator("former", (worker, jobs) -> jobs, released::add), 100);

        whiteboard.released("job-1");

        assertEquals(List.of("job-1", "job-1"), released);
    }

    @Test
    public void aRemovedAllocatorsFailuresAreForgotten() {
        ServiceReference<ResourceAllocator> broken = register(allocator("broken", (worker, jobs) -> null), 100);
        whiteboard.choose(worker, candidates, 2);

        whiteboard.removeAllocator(broken);

        assertEquals(Map.of(), whiteboard.failures());
    }

    private ServiceReference<ResourceAllocator> register(ResourceAllocator allocator, int ranking) {
        return register(allocator, new HashMap<>(), ranking);
    }

    private ServiceReference<ResourceAllocator> register(ResourceAllocator allocator, Map<String, Object> properties,
            int ranking) {
        properties.put(Constants.SERVICE_RANKING, ranking);
        ServiceReference<ResourceAllocator> reference = reference(properties);
        whiteboard.addAllocator(reference, allocator);
        return reference;
    }

    /**
     * A service reference over {@code live}, a mutable map of properties as Config Admin changes them, ordered as the framework orders them: by ranking (an
     * Integer, else 0), then the lower service id first.
     */
    @SuppressWarnings("unchecked")
    private ServiceReference<ResourceAllocator> reference(Map<String, Object> live) {
        live.put(Constants.SERVICE_ID, serviceIds.incrementAndGet());
        return (ServiceReference<ResourceAllocator>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperty":
                            return live.get((String) args[0]);
                        case "compareTo":
                            ServiceReference<?> other = (ServiceReference<?>) args[0];
                            int byRanking = Integer.compare(ranking(live.get(Constants.SERVICE_RANKING)),
                                    ranking(other.getProperty(Constants.SERVICE_RANKING)));
                            return byRanking != 0 ? byRanking : Long.compare((Long) other.getProperty(
                                    Constants.SERVICE_ID), (Long) live.get(Constants.SERVICE_ID));
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "ServiceReference" + live;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static int ranking(Object value) {
        return value instanceof Integer ? (Integer) value : 0;
    }

    private ResourceAllocator fixed(String name, String... jobIds) {
        List<String> wanted = List.of(jobIds);
        return allocator(name, (worker, jobs) -> wanted.stream()
                .map(id -> jobs.stream().filter(job -> job.id().equals(id)).findFirst().orElseThrow()).toList());
    }

    private static ResourceAllocator allocator(String name, Allocation allocation) {
        return allocator(name, allocation, jobId -> {
        });
    }

    private static ResourceAllocator allocator(String name, Allocation allocation,
            Consumer<String> release) {
        return new ResourceAllocator() {
            @Override
            public PluginMetadata metadata() {
                return new PluginMetadata(name, "1", "test", "test allocator");
            }

            @Override
            public List<Job> allocate(Worker worker, List<Job> candidates, int maxJobs) {
                return allocation.apply(worker, candidates);
            }

            @Override
            public void deallocate(String jobId) {
                release.accept(jobId);
            }
        };
    }

    private interface Allocation {
        List<Job> apply(Worker worker, List<Job> candidates);
    }
}
