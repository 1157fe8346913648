package dev.blixard.examples.csv;

import static org.junit.Assert.assertEquals;

import dev.blixard.api.HealthState;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DataLocalityAllocatorTest {
    private final DataLocalityAllocator allocator = new DataLocalityAllocator(Map.of("service.ranking", 50));

    private static Job csv(String id, String dataset) {
        return Fixtures.job(id, Fixtures.payload(Path.of(dataset), Path.of("/out/" + id + ".csv"), ""), "csv");
    }

    private static Worker worker(String dataDirs) {
        return Fixtures.worker(dataDirs == null ? Map.of() : Map.of(DataLocalityAllocator.DATA_DIR_LABEL, dataDirs),
                Resources.NONE);
    }

    @Test
    public void servesJobsWithLocalDataFirstThenQueueOrder() {
        Job remote1 = csv("j1", "/nfs/sales.csv");
        Job local1 = csv("j2", "/data/eu/sales.csv");
        Job remote2 = csv("j3", "/data2/sales.csv");
        Job local2 = csv("j4", "/data/us/q1.csv");
        List<Job> candidates = List.of(remote1, local1, remote2, local2);

        assertEquals(List.of(local1, local2, remote1, remote2), allocator.allocate(worker("/data"), candidates, 10));
        assertEquals("maxJobs cuts the preferred order", List.of(local1, local2, remote1),
                allocator.allocate(worker("/data"), candidates, 3));
        assertEquals("several directories", List.of(remote1, local1, local2, remote2),
                allocator.allocate(worker("/nfs, /data"), candidates, 10));
    }

    @Test
    public void withoutTheLabelOrAUsableDirectoryItIsFifo() {
        List<Job> candidates = List.of(csv("j1", "/nfs/a.csv"), csv("j2", "/data/b.csv"));
        assertEquals(candidates, allocator.allocate(worker(null), candidates, 10));
        assertEquals(candidates, allocator.allocate(worker("relative/dir,/data/../nfs"), candidates, 10));
    }

    @Test
    public void onlyCsvJobsWithAReadableDatasetCountAsLocal() {
        Job mock = Fixtures.job("j1", "{\"dataset\": \"/data/x.csv\"}", "mock");
        Job broken = Fixtures.job("j2", "{\"dataset\": ", "csv");
        Job nested = Fixtures.job("j3", "{\"options\": {\"dataset\": \"/nfs/x\"}, \"dataset\": \"/data/y.csv\"}", "csv");
        Job climbing = csv("j4", "/data/../etc/x.csv");
        assertEquals(List.of(nested, mock, broken, climbing),
                allocator.allocate(worker("/data"), List.of(mock, broken, nested, climbing), 10));
    }

    @Test
    public void takesOnlyWhatFitsTheWorkersFreeResources() {
        Job big = Fixtures.sizedJob("j1", Fixtures.payload(Path.of("/data/a.csv"), Path.of("/o/a.csv"), ""),
                new Resources(2, 0, 0));
        Job small = Fixtures.sizedJob("j2", Fixtures.payload(Path.of("/data/b.csv"), Path.of("/o/b.csv"), ""),
                new Resources(0.5, 0, 0));
        Job other = Fixtures.sizedJob("j3", Fixtures.payload(Path.of("/nfs/c.csv"), Path.of("/o/c.csv"), ""),
                new Resources(0.5, 0, 0));
        Worker oneCore = Fixtures.worker(Map.of(DataLocalityAllocator.DATA_DIR_LABEL, "/data"),
                new Resources(1, 0, 0));
        assertEquals(List.of(small, other), allocator.allocate(oneCore, List.of(big, small, other), 10));
    }

    @Test
    public void isDeterministic() {
        List<Job> candidates = List.of(csv("j1", "/nfs/a.csv"), csv("j2", "/data/b.csv"), csv("j3", "/data/c.csv"));
        assertEquals(allocator.allocate(worker("/data"), candidates, 2),
                allocator.allocate(worker("/data"), candidates, 2));
    }

    @Test
    public void reportsMetadataHealthAndRanking() {
        assertEquals("csv-data-locality", allocator.metadata().name());
        assertEquals(HealthState.UP, allocator.health().state());
        assertEquals("50", allocator.health().details().get("service_ranking"));
        assertEquals("the default ranks below first fit (100)", "50",
                new DataLocalityAllocator(Map.of()).health().details().get("service_ranking"));
    }
}
