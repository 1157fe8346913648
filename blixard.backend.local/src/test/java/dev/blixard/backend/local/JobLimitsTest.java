package dev.blixard.backend.local;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.Test;

public class JobLimitsTest {

    @Test
    public void theJobsOwnLimitsWinOverTheDefaults() {
        JobLimits defaults = parse("{\"cpu_seconds\": 60, \"open_files\": 256}");
        JobLimits merged = parse("{\"cpu_seconds\": 5}").orElse(defaults);
        assertEquals(List.of("--cpu=5", "--nofile=256"), merged.prlimitOptions());
    }

    @Test
    public void addressSpaceIsGivenInMebibytesAndAppliedInBytes() {
        assertEquals(List.of("--as=536870912"), parse("{\"address_space_mb\": 512}").prlimitOptions());
    }

    @Test
    public void askingForMoreThanTheNodeHasIsRefusedWithBothFigures() {
        JobLimits limits = parse("{\"open_files\": 5000, \"processes\": 10, \"address_space_mb\": 64}");
        List<String> problems = limits.aboveNode(limit -> switch (limit) {
            case OPEN_FILES -> OptionalLong.of(1024);
            case ADDRESS_SPACE_MB -> OptionalLong.empty(); // unlimited
            default -> OptionalLong.of(100);
        });
        assertEquals(1, problems.size());
        assertTrue(problems.get(0), problems.get(0).contains("limits.open_files 5000 is above this node's own hard limit of 1024"));
        assertTrue(problems.get(0), problems.get(0).contains("only lower"));
    }

    private static JobLimits parse(String json) {
        List<String> problems = new ArrayList<>();
        JobLimits limits;
        try {
            limits = JobLimits.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json), problems);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), problems);
        return limits;
    }
}
