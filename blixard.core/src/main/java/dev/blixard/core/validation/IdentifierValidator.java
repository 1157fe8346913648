package dev.blixard.core.validation;

import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Checks the identifiers a submission carries. Every {@code depends_on} entry must be a job id as this
 * cluster makes them ({@link dev.blixard.core.job.JobIds}: 26 characters of upper-case Crockford base 32) or
 * {@code batch:<n>}, the n-th earlier job of the same batch,
 * which is stricter than the API's general identifier rule; a malformed id would otherwise only show up
 * later as an unknown dependency. The idempotency key must not contain control characters, which break
 * logs, headers and terminals.
 *
 * <p>Duplicate dependencies and more than 1000 of them are refused by {@link JobSubmission.Builder#build()}
 * already, with the same limits, so they are not checked twice here.
 */
@Component(service = JobValidator.class)
public final class IdentifierValidator implements JobValidator {
    static final String NAME = "blixard.validator.identifiers";
    /** A job id as {@link dev.blixard.core.job.JobIds} writes it. */
    static final Pattern JOB_ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    /** A reference to an earlier job of the same batch, whose id the client cannot know yet. */
    static final Pattern BATCH_REFERENCE = Pattern.compile("batch:(0|[1-9][0-9]{0,3})");

    private static final PluginMetadata METADATA = new PluginMetadata(NAME, "1.0.0", "Blixard",
            "Dependencies must be well-formed job ids; idempotency keys must be printable.");

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        Violations violations = new Violations();
        List<String> dependsOn = submission.dependsOn();
        for (int i = 0; i < dependsOn.size(); i++) {
            String id = dependsOn.get(i);
            if (!JOB_ID.matcher(id).matches() && !BATCH_REFERENCE.matcher(id).matches()) {
                violations.add("depends_on[" + i + "]", "'" + abbreviate(id) + "' is not a job id (26 characters of "
                        + "Crockford base 32 in upper case, as returned by submit) nor batch:<n>, the n-th job of the"
                        + " same batch");
            }
        }
        submission.idempotencyKey().ifPresent(key -> {
            int at = firstControlCharacter(key);
            if (at >= 0) {
                violations.add("idempotency_key", String.format("contains the control character U+%04X at index %d;"
                        + " use printable characters only", (int) key.charAt(at), at));
            }
        });
        return violations.result();
    }

    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
