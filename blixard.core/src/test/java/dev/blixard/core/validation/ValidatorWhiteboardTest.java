package dev.blixard.core.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.HealthState;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobResult;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.JobProcessor;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ProcessingContext;
import dev.blixard.api.plugin.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.Test;

public class ValidatorWhiteboardTest {
    private final ValidatorWhiteboard whiteboard = new ValidatorWhiteboard();

    @Test
    public void withoutValidatorsEverythingPasses() {
        whiteboard.validate(List.of(JobSubmission.builder("not even json").build()));
        whiteboard.validate(List.of());
    }

    @Test
    public void everyViolationOfEveryValidatorIsReportedTogether() {
        whiteboard.addValidator(PayloadValidatorTest.validator(Map.of("max_depth", 1)));
        whiteboard.addValidator(new IdentifierValidator());
        whiteboard.addValidator(validator("custom", submission -> new ValidationResult(List.of(
                new Violation("tenant", "is over quota"), new Violation("", "is not allowed on Sundays")))));

        List<Violation> violations = rejected(List.of(JobSubmission.builder("[[1]]").dependsOn(List.of("x"))
                .build()));

        assertEquals(List.of("payload", "depends_on[0]", "tenant", ""), fields(violations));
    }

    @Test
    public void aBatchPrefixesEachFieldWithItsIndex() {
        whiteboard.addValidator(new IdentifierValidator());
        whiteboard.addValidator(validator("whole", submission -> submission.tenant().equals("bad")
                ? ValidationResult.invalid("", "tenant is bad") : ValidationResult.VALID));
        List<JobSubmission> batch = List.of(
                JobSubmission.builder("{}").build(),
                JobSubmission.builder("{}").dependsOn(List.of("x", "y")).build(),
                JobSubmission.builder("{}").tenant("bad").build());

        List<Violation> violations = rejected(batch);

        assertEquals(List.of("jobs[1].depends_on[0]", "jobs[1].depends_on[1]", "jobs[2]"), fields(violations));
        assertEquals("tenant is bad", violations.get(2).message());
    }

    @Test
    public void aBatchOfOneIsNotPrefixed() {
        whiteboard.addValidator(new IdentifierValidator());

        assertEquals(List.of("depends_on[0]"), fields(rejected(List.of(JobSubmission.builder("{}")
                .dependsOn(List.of("x")).build()))));
    }

    @Test
    public void aValidatorAddedAtRuntimeAppliesToTheNextSubmitAndGoesAway() {
        List<JobSubmission> submission = List.of(JobSubmission.builder("{}").build());
        whiteboard.validate(submission);

        JobValidator strict = validator("strict", s -> ValidationResult.invalid("payload", "no"));
        whiteboard.addValidator(strict);
        assertEquals(List.of("payload"), fields(rejected(submission)));

        whiteboard.removeValidator(strict);
        whiteboard.validate(submission);
    }

    @Test
    public void aThrowingValidatorIsSkippedAndReported() {
        whiteboard.addValidator(validator("broken", submission -> {
            throw new IllegalStateException("boom");
        }));
        whiteboard.addValidator(validator("null", submission -> null));
        List<JobSubmission> valid = List.of(JobSubmission.builder("{}").build());

        whiteboard.validate(valid);
        whiteboard.validate(valid);

        assertEquals(Map.of("broken", "2 failures, last: IllegalStateException: boom",
                "null", "2 failures, last: IllegalStateException: validate returned null instead of "
                        + "ValidationResult.VALID"), whiteboard.failures());
        assertEquals(HealthState.DEGRADED, whiteboard.health().state());
        assertTrue(whiteboard.health().message(), whiteboard.health().message().contains("broken"));
    }

    @Test
    public void aThrowingValidatorDoesNotHideOthersViolations() {
        whiteboard.addValidator(validator("broken", submission -> {
            throw new IllegalStateException("boom");
        }));
        whiteboard.addValidator(new IdentifierValidator());

        assertEquals(List.of("depends_on[0]"), fields(rejected(List.of(JobSubmission.builder("{}")
                .dependsOn(List.of("x")).build()))));
        assertEquals(1, whiteboard.failures().size());
    }

    @Test
    public void aRemovedValidatorsFailuresAreForgotten() {
        JobValidator broken = validator("broken", submission -> {
            throw new IllegalStateException("boom");
        });
        whiteboard.addValidator(broken);
        whiteboard.validate(List.of(JobSubmission.builder("{}").build()));

        whiteboard.removeValidator(broken);

        assertEquals(Map.of(), whiteboard.failures());
        assertEquals(HealthState.UP, whiteboard.health().state());
    }

    @Test
    public void aProcessorValidatesOnlySubmissionsNamingItsWorkerType() {
        whiteboard.addProcessor(new Processor("csv", submission -> ValidationResult.invalid("payload",
                "needs a file")));

        whiteboard.validate(List.of(JobSubmission.builder("{}").build()));
        whiteboard.validate(List.of(JobSubmission.builder("{}").workerTypes("local").build()));
        List<Violation> violations = rejected(List.of(JobSubmission.builder("{}").workerTypes("local", "csv")
                .build()));

        assertEquals(List.of(new Violation("payload", "needs a file")), violations);
    }

    @Test
    public void aThrowingProcessorIsSkippedAndReported() {
        Processor processor = new Processor("csv", submission -> {
            throw new UnsupportedOperationException("not yet");
        });
        whiteboard.addProcessor(processor);

        whiteboard.validate(List.of(JobSubmission.builder("{}").workerTypes("csv").build()));

        assertEquals(Map.of("processor.csv", "1 failure, last: UnsupportedOperationException: not yet"),
                whiteboard.failures());
        whiteboard.removeProcessor(processor);
        assertEquals(Map.of(), whiteboard.failures());
    }

    private List<Violation> rejected(List<JobSubmission> submissions) {
        try {
            whiteboard.validate(submissions);
            fail("accepted " + submissions);
            return List.of();
        } catch (InvalidRequestException e) {
            return e.violations();
        }
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    private static JobValidator validator(String name, Function<JobSubmission, ValidationResult> check) {
        return new JobValidator() {
            @Override
            public PluginMetadata metadata() {
                return new PluginMetadata(name, "1", "test", "test validator");
            }

            @Override
            public ValidationResult validate(JobSubmission submission) {
                return check.apply(submission);
            }
        };
    }

    private static final class Processor implements JobProcessor {
        private final String type;
        private final Function<JobSubmission, ValidationResult> check;

        Processor(String type, Function<JobSubmission, ValidationResult> check) {
            this.type = type;
            this.check = check;
        }

        @Override
        public PluginMetadata metadata() {
            return new PluginMetadata("processor." + type, "1", "test", "test processor");
        }

        @Override
        public String workerType() {
            return type;
        }

        @Override
        public boolean canProcess(Job job) {
            return true;
        }

        @Override
        public ValidationResult validate(JobSubmission submission) {
            return check.apply(submission);
        }

        @Override
        public Resources resourceRequirements(Job job) {
            return Resources.NONE;
        }

        @Override
        public JobResult process(Job job, ProcessingContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(String jobId) {
        }
    }
}
