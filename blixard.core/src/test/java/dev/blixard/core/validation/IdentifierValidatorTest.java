package dev.blixard.core.validation;

import static dev.blixard.core.validation.PayloadValidatorTest.only;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.ValidationResult;
import dev.blixard.core.job.JobIds;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

public class IdentifierValidatorTest {
    private static final String ID = "01HZY3K2V8Q4W6E9R1T5M7N0PA";

    private final IdentifierValidator validator = new IdentifierValidator();

    @Test
    public void idsMadeByJobIdsAreAccepted() {
        JobIds ids = new JobIds(Clock.systemUTC(), new SecureRandom());
        List<String> parents = List.of(ids.next(), ids.next(), ids.next(), ID);

        assertTrue(validator.validate(JobSubmission.builder("{}").dependsOn(parents).build()).isValid());
    }

    @Test
    public void malformedDependenciesAreNamedByIndex() {
        ValidationResult result = validator.validate(JobSubmission.builder("{}")
                .dependsOn(List.of(ID, "job-1", ID.toLowerCase(), ID.replace('A', 'U'), ID + "0")).build());

        List<String> fields = new ArrayList<>();
        result.violations().forEach(violation -> fields.add(violation.field()));
        assertEquals(List.of("depends_on[1]", "depends_on[2]", "depends_on[3]", "depends_on[4]"), fields);
        assertTrue(result.violations().get(0).message().startsWith("'job-1' is not a job id"));
    }

    @Test
    public void noDependenciesIsValid() {
        assertTrue(validator.validate(JobSubmission.builder("{}").build()).isValid());
    }

    @Test
    public void duplicateAndTooManyDependenciesAreAlreadyRefusedByTheBuilder() {
        // The validator relies on these; should the API loosen them, this test says where to add the checks.
        assertBuilderRefuses(List.of(ID, ID), "depends_on");
        assertBuilderRefuses(Collections.nCopies(1001, ID), "depends_on");
    }

    @Test
    public void controlCharactersInTheIdempotencyKeyAreRejected() {
        assertTrue(validator.validate(JobSubmission.builder("{}").idempotencyKey("order-42 (retry) é").build())
                .isValid());
        for (String key : new String[] {"a\nb", "a\tb", "a\u0000", "x\u007f", "\u0085x"}) {
            Violation violation = only(validator.validate(JobSubmission.builder("{}").idempotencyKey(key).build()));
            assertEquals("idempotency_key", violation.field());
            assertTrue(violation.message(), violation.message().startsWith("contains the control character U+"));
        }
        assertEquals("contains the control character U+000A at index 1; use printable characters only",
                only(validator.validate(JobSubmission.builder("{}").idempotencyKey("a\nb").build())).message());
    }

    @Test
    public void describesItself() {
        assertEquals("blixard.validator.identifiers", validator.metadata().name());
        assertEquals("Blixard", validator.metadata().vendor());
    }

    private static void assertBuilderRefuses(List<String> dependsOn, String field) {
        try {
            JobSubmission.builder("{}").dependsOn(dependsOn).build();
            fail("the builder accepted " + dependsOn.size() + " dependencies");
        } catch (InvalidRequestException e) {
            assertEquals(field, e.violations().get(0).field());
        }
    }
}
