package dev.blixard.examples.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.Health;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import org.osgi.service.component.annotations.Component;

/**
 * Rejects malformed csv jobs at submit, so a typo costs the client a 422 naming the field instead of a
 * failed attempt later: a missing or relative {@code dataset} or {@code output}, {@code ..} in a path, an
 * unknown {@code operation} or field, a {@code group_by} or {@code sum} entry that is not a column name.
 * Submissions that do not name worker type {@value CsvProcessor#TYPE} pass untouched. Stateless, fast and
 * without side effects, as validators must be: it parses the payload and nothing else.
 */
@Component(service = JobValidator.class)
public final class CsvPayloadValidator implements JobValidator {
    private final PluginMetadata metadata = PluginInfo.metadata(CsvPayloadValidator.class, "csv-payload",
            "Rejects csv jobs whose payload lacks a dataset or output, uses relative paths or names no columns.");
    private final CsvRequestParser parser = new CsvRequestParser(new ObjectMapper());

    /** Created by Declarative Services; needs no configuration. */
    public CsvPayloadValidator() {
        // Everything is initialised in the field declarations.
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public Health health() {
        return Health.up("stateless; checks payloads of worker type " + CsvProcessor.TYPE);
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        if (!submission.workerTypes().contains(CsvProcessor.TYPE)) {
            return ValidationResult.VALID;
        }
        return new ValidationResult(parser.parse(submission.payload()).violations());
    }
}
