package dev.blixard.core.validation;

import dev.blixard.testing.ConfigProxy;
import static dev.blixard.core.validation.PayloadValidatorTest.only;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class WorkerConstraintsValidatorTest {
    private final WorkerConstraintsValidator defaults = validator(Map.of());

    @Test
    public void anOrdinaryJobIsValid() {
        JobSubmission submission = JobSubmission.builder("{}").workerTypes("local", "wasm")
                .labels(Map.of("zone", "eu-1", "require.gpu", "a100"))
                .resources(new Resources(64, 1 << 20, 1 << 20)).build();

        assertTrue(defaults.validate(submission).isValid());
    }

    @Test
    public void atMost32WorkerTypes() {
        assertTrue(defaults.validate(JobSubmission.builder("{}").workerTypes(types(32)).build()).isValid());
        assertEquals(new Violation("worker_types", "lists 33 worker types, at most 32 allowed"),
                only(defaults.validate(JobSubmission.builder("{}").workerTypes(types(33)).build())));
    }

    @Test
    public void atMost64Labels() {
        assertTrue(defaults.validate(JobSubmission.builder("{}").labels(labels(64)).build()).isValid());
        assertEquals(new Violation("labels", "has 65 labels, at most 64 allowed"),
                only(defaults.validate(JobSubmission.builder("{}").labels(labels(65)).build())));
    }

    @Test
    public void labelValuesAreAtMost255Characters() {
        JobSubmission submission = JobSubmission.builder("{}")
                .labels(Map.of("b", "v".repeat(256), "a", "v".repeat(255), "c", "v".repeat(256))).build();

        ValidationResult result = defaults.validate(submission);

        assertEquals(List.of(new Violation("labels.b", "is 256 characters long, at most 255 allowed"),
                new Violation("labels.c", "is 256 characters long, at most 255 allowed")), result.violations());
    }

    @Test
    public void resourcesAreUnlimitedByDefaultAndLimitedByConfiguration() {
        WorkerConstraintsValidator strict = validator(Map.of("max_cpu", 8.0, "max_memory_mb", 16_384L,
                "max_disk_mb", 100_000L));
        JobSubmission big = JobSubmission.builder("{}").resources(new Resources(8.5, 16_385, 100_001)).build();

        assertTrue(defaults.validate(big).isValid());
        assertTrue(strict.validate(JobSubmission.builder("{}").resources(new Resources(8, 16_384, 100_000)).build())
                .isValid());
        assertEquals(List.of(
                new Violation("resources.cpu", "asks for 8.5 cores, at most 8 allowed per job"),
                new Violation("resources.memory_mb", "asks for 16385 MiB, at most 16384 allowed per job"),
                new Violation("resources.disk_mb", "asks for 100001 MiB, at most 100000 allowed per job")),
                strict.validate(big).violations());
    }

    @Test
    public void limitsCanBeTightened() {
        WorkerConstraintsValidator strict = validator(Map.of("max_worker_types", 1, "max_labels", 0,
                "max_label_value", 3));
        JobSubmission submission = JobSubmission.builder("{}").workerTypes("a", "b").labels(Map.of("k", "long"))
                .build();

        assertEquals(List.of("worker_types", "labels", "labels.k"), fields(strict.validate(submission)));
    }

    @Test
    public void describesItselfAndItsLimits() {
        assertEquals("blixard.validator.constraints", defaults.metadata().name());
        assertEquals("32", defaults.health().details().get("max_worker_types"));
    }

    static WorkerConstraintsValidator validator(Map<String, Object> config) {
        return new WorkerConstraintsValidator(ConfigProxy.of(WorkerConstraintsConfig.class, config));
    }

    private static List<String> types(int count) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add("type" + i);
        }
        return types;
    }

    private static Map<String, String> labels(int count) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            labels.put("key" + i, "value");
        }
        return labels;
    }

    private static List<String> fields(ValidationResult result) {
        List<String> fields = new ArrayList<>();
        result.violations().forEach(violation -> fields.add(violation.field()));
        return fields;
    }
}
