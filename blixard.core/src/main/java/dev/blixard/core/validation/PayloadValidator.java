package dev.blixard.core.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.blixard.api.Health;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Checks that a payload is exactly one well-formed JSON value, within a size limit (bytes of UTF-8) and a
 * nesting limit. The payload is read with a streaming parser and never turned into a tree, so even a
 * payload at the size limit costs one pass and no garbage beyond the parser's buffers.
 */
@Component(service = JobValidator.class, configurationPid = PayloadValidator.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PayloadValidatorConfig.class)
public final class PayloadValidator implements JobValidator {
    static final String PID = "blixard.validator.payload";
    static final long DEFAULT_MAX_BYTES = 1L << 20;
    static final int DEFAULT_MAX_DEPTH = 64;
    static final String FIELD = "payload";

    private static final PluginMetadata METADATA = new PluginMetadata(PID, "1.0.0", "Blixard",
            "Payloads must be one well-formed JSON value within the size and nesting limits.");

    private final long maxBytes;
    private final int maxDepth;
    private final JsonFactory json;

    @Activate
    public PayloadValidator(PayloadValidatorConfig config) {
        maxBytes = Math.max(1, config.max_bytes());
        maxDepth = Math.max(1, config.max_depth());
        // Jackson's own limits would otherwise reject what an operator has allowed, with a less clear message.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(Math.max(maxDepth + 1, StreamReadConstraints.DEFAULT_MAX_DEPTH))
                .maxStringLength((int) Math.min(Integer.MAX_VALUE,
                        Math.max(maxBytes, StreamReadConstraints.DEFAULT_MAX_STRING_LEN)))
                .build();
        // Error messages go back to the client: they must not quote the payload at length.
        json = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    @Override
    public PluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Health health() {
        return Health.up("ok").withDetails(Map.of("max_bytes", Long.toString(maxBytes),
                "max_depth", Integer.toString(maxDepth)));
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        String payload = submission.payload();
        if (payload == null) {
            return ValidationResult.invalid(FIELD, "is required");
        }
        long bytes = utf8Length(payload);
        if (bytes > maxBytes) {
            return ValidationResult.invalid(FIELD, "is " + bytes + " bytes of UTF-8, at most " + maxBytes
                    + " allowed");
        }
        try (JsonParser parser = json.createParser(payload)) {
            return checkStructure(parser);
        } catch (JsonProcessingException e) {
            return ValidationResult.invalid(FIELD, "is not valid JSON: " + e.getOriginalMessage()
                    + where(e.getLocation()));
        } catch (IOException e) {
            // Reading a String cannot fail for I/O reasons; whatever this is, the payload was not readable.
            return ValidationResult.invalid(FIELD, "is not valid JSON: " + e.getMessage());
        }
    }

    /** Reads one value to its end, tracking depth, then insists that nothing follows it. */
    private ValidationResult checkStructure(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return ValidationResult.invalid(FIELD, "must be a JSON value, not empty text");
        }
        int depth = 0;
        while (true) {
            if (token.isStructStart()) {
                if (++depth > maxDepth) {
                    return ValidationResult.invalid(FIELD, "nests deeper than " + maxDepth + " levels"
                            + where(parser.currentTokenLocation()));
                }
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                break;
            }
            token = parser.nextToken();
            if (token == null) {
                return ValidationResult.invalid(FIELD, "is not valid JSON: unexpected end of input");
            }
        }
        if (parser.nextToken() != null) {
            return ValidationResult.invalid(FIELD, "must be one JSON value, but more follows it"
                    + where(parser.currentTokenLocation()));
        }
        return ValidationResult.VALID;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The length {@link String#getBytes} would give for UTF-8, without making the copy. */
    static long utf8Length(String text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // an unpaired surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
