package dev.blixard.examples.csv;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.HealthState;
import dev.blixard.api.Violation;
import dev.blixard.api.job.Job;
import dev.blixard.api.plugin.JobProcessingException;
import dev.blixard.api.plugin.ProcessingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CsvProcessorTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static CsvProcessor processor(Optional<Path> base) {
        return new CsvProcessor(new CsvSettings(base, 1000, 1 << 16));
    }

    private ProcessingContext notCancelled() {
        return Fixtures.context(folder.getRoot().toPath(), () -> false);
    }

    @Test
    public void aggregatesTheSampleAndReturnsTheCounts() throws Exception {
        Path dir = folder.newFolder("data").toPath();
        Path output = dir.resolve("summary.csv");
        String payload = Fixtures.payload(Fixtures.sales(dir), output,
                "\"operation\": \"aggregate\", \"group_by\": \"region\", \"sum\": [\"amount\"]");
        CsvProcessor processor = processor(Optional.of(dir));

        JsonNode result = new ObjectMapper().readTree(processor.process(Fixtures.job("j1", payload, "csv"),
                notCancelled()).json());

        assertEquals(8, result.get("rows_read").asLong());
        assertEquals(4, result.get("groups").asInt());
        assertEquals(output.toString(), result.get("output").asText());
        assertTrue(Files.readString(output).contains("north,112.50,2"));
        assertEquals("1", processor.health().details().get("succeeded"));
        assertEquals("0", processor.health().details().get("running"));
    }

    @Test
    public void cancelStopsTheRunWithinOneCheckInterval() throws Exception {
        Path dir = folder.getRoot().toPath();
        Job job = Fixtures.job("j1", Fixtures.payload(Fixtures.generated(dir.resolve("big.csv"), 50_000, 7),
                dir.resolve("out.csv"), ""), "csv");
        CsvProcessor processor = processor(Optional.empty());
        AtomicInteger checks = new AtomicInteger();
        // The node cancels from another thread; calling cancel from the check itself makes the test deterministic.
        ProcessingContext context = Fixtures.context(dir, () -> {
            if (checks.incrementAndGet() == 2) {
                processor.cancel(job.id());
            }
            return false;
        });
        JobProcessingException stopped = expectFailure(processor, job, context);
        assertEquals("csv job j1: stopped: cancelled", stopped.getMessage());
        assertFalse(stopped.retryable());
        assertEquals("asked twice, the cancel seen at the third check", 2, checks.get());
        assertEquals(List.of("big.csv"), Fixtures.files(dir));
    }

    @Test
    public void theContextsCancelAndTheTimeoutStopTheRunToo() throws Exception {
        Path dir = folder.getRoot().toPath();
        String payload = Fixtures.payload(Fixtures.generated(dir.resolve("big.csv"), 10_000, 7), dir.resolve("o.csv"), "");
        CsvProcessor processor = processor(Optional.empty());

        JobProcessingException cancelled = expectFailure(processor, Fixtures.job("j1", payload, "csv"),
                Fixtures.context(dir, () -> true));
        assertEquals("csv job j1: stopped: cancelled", cancelled.getMessage());

        JobProcessingException timedOut = expectFailure(processor, Fixtures.timedJob("j2", payload,
                Duration.ofNanos(1)), notCancelled());
        assertTrue(timedOut.getMessage(), timedOut.getMessage().startsWith("csv job j2: stopped: timed out after"));
        assertTrue("a timeout may pass on another attempt", timedOut.retryable());
    }

    @Test
    public void deactivationStopsRunsAsRetryableAndRefusesNewOnes() throws Exception {
        Path dir = folder.getRoot().toPath();
        String payload = Fixtures.payload(Fixtures.generated(dir.resolve("big.csv"), 10_000, 7), dir.resolve("o.csv"), "");
        CsvProcessor processor = processor(Optional.empty());
        ProcessingContext deactivateOnFirstCheck = Fixtures.context(dir, () -> {
            processor.deactivate();
            return false;
        });
        JobProcessingException stopped = expectFailure(processor, Fixtures.job("j1", payload, "csv"),
                deactivateOnFirstCheck);
        assertEquals("csv job j1: stopped: the processor is stopping", stopped.getMessage());
        assertTrue(stopped.retryable());

        JobProcessingException refused = expectFailure(processor, Fixtures.job("j2", payload, "csv"), notCancelled());
        assertEquals("csv job j2: the processor is stopping", refused.getMessage());
    }

    @Test
    public void badPayloadsAndMissingFilesFailForGood() throws Exception {
        Path dir = folder.getRoot().toPath();
        CsvProcessor processor = processor(Optional.empty());
        JobProcessingException invalid = expectFailure(processor, Fixtures.job("j1", "{\"output\": \"/o.csv\"}", "csv"),
                notCancelled());
        assertTrue(invalid.getMessage(), invalid.getMessage().startsWith("csv job j1: invalid payload: [payload.dataset"));
        assertFalse(invalid.retryable());

        JobProcessingException missing = expectFailure(processor, Fixtures.job("j2",
                Fixtures.payload(dir.resolve("absent.csv"), dir.resolve("o.csv"), ""), "csv"), notCancelled());
        assertEquals("csv job j2: no such file or directory: " + dir.resolve("absent.csv"), missing.getMessage());
        assertFalse(missing.retryable());
        assertEquals("2", processor.health().details().get("failed"));
    }

    @Test
    public void baseDirectoryIsEnforcedAtSubmitAndThroughSymbolicLinksAtRun() throws Exception {
        Path base = folder.newFolder("base").toPath();
        Path outside = folder.newFolder("outside").toPath();
        Path secret = Fixtures.sales(outside);
        CsvProcessor processor = processor(Optional.of(base));

        assertEquals(List.of(new Violation("payload.dataset", "must lie under " + base
                + ", the base directory of this node")),
                processor.validate(Fixtures.submission(Fixtures.payload(secret, base.resolve("o.csv"), ""), "csv"))
                        .violations());

        Path link = Files.createSymbolicLink(base.resolve("link.csv"), secret);
        String payload = Fixtures.payload(link, base.resolve("o.csv"), "");
        assertTrue("the text is inside", processor.validate(Fixtures.submission(payload, "csv")).isValid());
        JobProcessingException refused = expectFailure(processor, Fixtures.job("j1", payload, "csv"), notCancelled());
        assertTrue(refused.getMessage(), refused.getMessage().contains("resolves to " + secret.toRealPath()));
        assertFalse(refused.retryable());
        assertEquals(List.of("link.csv"), Fixtures.files(base));
    }

    @Test
    public void healthIsDownWhenTheBaseDirectoryIsMissing() {
        CsvProcessor processor = processor(Optional.of(folder.getRoot().toPath().resolve("nope")));
        assertEquals(HealthState.DOWN, processor.health().state());
        assertEquals(HealthState.UP, processor(Optional.empty()).health().state());
        assertEquals("csv-aggregate", processor.metadata().name());
    }

    @Test
    public void takesCsvJobsAndOnlyThoseUntypedJobsThatAreCsvRequests() {
        CsvProcessor processor = processor(Optional.empty());
        assertTrue(processor.canProcess(Fixtures.job("j1", "{}", "csv")));
        assertTrue(processor.canProcess(Fixtures.job("j2", "{\"dataset\": \"/a.csv\", \"output\": \"/b.csv\"}")));
        assertFalse(processor.canProcess(Fixtures.job("j3", "{\"outcome\": \"success\"}")));
        assertEquals("csv", processor.workerType());
    }

    private static JobProcessingException expectFailure(CsvProcessor processor, Job job, ProcessingContext context) {
        try {
            processor.process(job, context);
        } catch (JobProcessingException e) {
            return e;
        }
        fail("job " + job.id() + " should have failed");
        return null;
    }
}
