package dev.blixard.examples.csv;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.HealthState;
import dev.blixard.api.Violation;
import dev.blixard.api.plugin.ValidationResult;
import java.util.List;
import org.junit.Test;

public class CsvPayloadValidatorTest {
    private final CsvPayloadValidator validator = new CsvPayloadValidator();

    private List<Violation> violations(String payload) {
        return validator.validate(Fixtures.submission(payload, "csv")).violations();
    }

    private static Violation violation(String field, String message) {
        return new Violation(field, message);
    }

    @Test
    public void acceptsTheSeedsExampleAndTheShortForm() {
        assertEquals(List.of(), violations("{\"dataset\": \"/data/sales.csv\", \"operation\": \"aggregate\", "
                + "\"group_by\": \"region\", \"sum\": [\"amount\", \"units\"], \"output\": \"/data/summary.csv\"}"));
        assertEquals(List.of(), violations("{\"dataset\": \"/data/sales.csv\", \"output\": \"/data/summary.csv\"}"));
    }

    @Test
    public void namesMissingAndRelativePaths() {
        assertEquals(List.of(
                violation("payload.dataset", "is required: the absolute path of the CSV file to read"),
                violation("payload.output", "must be an absolute path, was \"summary.csv\"")),
                violations("{\"output\": \"summary.csv\"}"));
    }

    @Test
    public void refusesClimbingPathsAndTheDatasetAsOutput() {
        assertEquals(List.of(violation("payload.dataset", "must not contain \"..\" segments")),
                violations("{\"dataset\": \"/data/../etc/passwd\", \"output\": \"/data/out.csv\"}"));
        assertEquals(List.of(violation("payload.output", "must not be the dataset itself")),
                violations("{\"dataset\": \"/data/a.csv\", \"output\": \"/data/./a.csv\"}"));
    }

    @Test
    public void namesWrongTypesUnknownOperationsAndUnknownFields() {
        List<Violation> found = violations("{\"dataset\": 7, \"output\": \"/o.csv\", \"operation\": \"median\", "
                + "\"group_by\": [\"region\"], \"sum\": [\"amount\", 3, \"\"], \"groupby\": \"region\"}");
        assertEquals(List.of(
                violation("payload.groupby", "is not a known field; known are [dataset, operation, group_by, sum, output]"),
                violation("payload.dataset", "must be a non-empty string (an absolute path), was a number"),
                violation("payload.operation", "\"median\" is not a known operation; known is \"aggregate\""),
                violation("payload.group_by", "must be a non-empty string, was an array"),
                violation("payload.sum[1]", "must be a non-empty string (a column name), was a number"),
                violation("payload.sum[2]", "must be a non-empty string (a column name), was an empty string")),
                found);
    }

    @Test
    public void sumMustBeAnArrayOfDistinctColumnsOtherThanTheGroup() {
        assertEquals(List.of(violation("payload.sum", "must be a non-empty array of column names, was a string")),
                violations("{\"dataset\": \"/d.csv\", \"output\": \"/o.csv\", \"sum\": \"amount\"}"));
        assertEquals(List.of(violation("payload.sum[0]", "is the group_by column, which cannot also be summed"),
                violation("payload.sum[2]", "names column \"units\" a second time")),
                violations("{\"dataset\": \"/d.csv\", \"output\": \"/o.csv\", \"group_by\": \"region\", "
                        + "\"sum\": [\"region\", \"units\", \"units\"]}"));
    }

    @Test
    public void payloadMustBeAnObject() {
        assertEquals(List.of(violation("payload", "must be a JSON object, was an array")), violations("[1, 2]"));
        assertTrue(violations("{not json").get(0).message().startsWith("must be a JSON object, for example"));
    }

    @Test
    public void leavesOtherWorkerTypesAlone() {
        assertEquals(ValidationResult.VALID, validator.validate(Fixtures.submission("[\"not csv\"]", "mock")));
        assertEquals("no worker type: not addressed to csv", ValidationResult.VALID,
                validator.validate(Fixtures.submission("{}")));
    }

    @Test
    public void reportsMetadataAndHealth() {
        assertEquals("csv-payload", validator.metadata().name());
        assertEquals(PluginInfo.UNBUNDLED, validator.metadata().version());
        assertEquals(PluginInfo.VENDOR, validator.metadata().vendor());
        assertEquals(HealthState.UP, validator.health().state());
    }
}
