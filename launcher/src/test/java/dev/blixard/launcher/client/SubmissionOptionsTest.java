package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.Test;

public class SubmissionOptionsTest {

    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

    private static String fields(String... args) throws ClientUsageException {
        return Json.compact(SubmissionOptions.fields(ArgumentParser.parse(List.of(args), SubmissionOptions.ALL), NOW));
    }

    @Test
    public void everyOptionBecomesItsField() throws Exception {
        assertEquals("{\"worker_types\":[\"mock\",\"local\",\"wasm\"],\"priority\":7,\"run_after\":\"2025-05-01T12:00:30Z\","
                + "\"max_attempts\":5,\"timeout_ms\":90000,\"resources\":{\"cpu\":0.5,\"memory_mb\":256,\"disk_mb\":10},"
                + "\"labels\":{\"team\":\"a\",\"env\":\"x=y\"},\"depends_on\":[\"j1\",\"j2\"],\"idempotency_key\":\"k1\","
                + "\"tenant\":\"acme\"}",
                fields("--type", "mock,local", "--type", "wasm", "--priority", "7", "--run-after", "+30s",
                        "--max-attempts", "5", "--timeout", "1m30s", "--cpu", "0.5", "--memory-mb", "256",
                        "--disk-mb", "10", "--label", "team=a", "--label", "env=x=y", "--depends-on", "j1,j2",
                        "--idempotency-key", "k1", "--tenant", "acme"));
    }

    @Test
    public void absentOptionsLeaveTheServerDefaults() throws Exception {
        assertEquals("{}", fields());
        assertEquals("{\"run_after\":\"2025-06-01T10:00:00Z\"}", fields("--run-after", "2025-06-01T12:00:00+02:00"));
        assertEquals("{\"timeout_ms\":250}", fields("--timeout", "250"));
    }

    @Test
    public void badValuesAreUsageErrorsNamingTheOption() {
        assertEquals("--priority: 'high' is not a whole number",
                assertThrows(ClientUsageException.class, () -> fields("--priority", "high")).getMessage());
        assertEquals("--max-attempts: 0 is out of range (1 to 100)",
                assertThrows(ClientUsageException.class, () -> fields("--max-attempts", "0")).getMessage());
        assertEquals("--label: 'team' is not K=V",
                assertThrows(ClientUsageException.class, () -> fields("--label", "team")).getMessage());
        assertThrows(ClientUsageException.class, () -> fields("--run-after", "tomorrow"));
        assertThrows(ClientUsageException.class, () -> fields("--timeout", "5 minutes"));
        assertThrows(ClientUsageException.class, () -> fields("--cpu", "-1"));
    }
}
