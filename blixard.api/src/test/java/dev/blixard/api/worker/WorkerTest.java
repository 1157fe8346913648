package dev.blixard.api.worker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class WorkerTest {

    @Test
    public void freeSlotsAndTypes() {
        WorkerRegistration registration = WorkerRegistration.builder("w1").workerTypes("local").capacity(2).build();
        Worker worker = new Worker(registration, WorkerStatus.ACTIVE, List.of("j1"), "node-1", Instant.EPOCH,
                Instant.EPOCH);
        assertEquals(1, worker.freeSlots());
        assertTrue(worker.runs("local"));
        assertFalse(worker.runs("vm"));
        assertEquals("w1", worker.id());
    }

    @Test
    public void aWorkerWithoutTypesRunsAny() {
        Worker worker = new Worker(WorkerRegistration.builder("w1").build(), WorkerStatus.ACTIVE, List.of(), null,
                Instant.EPOCH, Instant.EPOCH);
        assertTrue(worker.runs("anything"));
        assertFalse(worker.node().isPresent());
    }

    @Test
    public void registrationIsValidated() {
        try {
            WorkerRegistration.builder("").workerTypes("UP").capacity(0).labels(Map.of("", "x")).build();
            fail();
        } catch (InvalidRequestException e) {
            assertEquals(4, e.violations().size());
        }
    }
}
