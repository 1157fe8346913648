package dev.blixard.core.validation;

import dev.blixard.testing.ConfigProxy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.Test;

public class PayloadValidatorTest {
    private final PayloadValidator defaults = validator(Map.of());

    @Test
    public void anyJsonValueIsAccepted() {
        for (String payload : new String[] {"{}", "[]", "1", "-2.5e10", "\"text\"", "true", "null",
                " {\"a\": [1, {\"b\": null}], \"c\": \"\\u00e9\"} \n"}) {
            assertTrue(payload, defaults.validate(submission(payload)).isValid());
        }
    }

    @Test
    public void malformedJsonIsRejectedWithItsPosition() {
        Violation violation = only(defaults.validate(submission("{\"a\": }")));

        assertEquals("payload", violation.field());
        assertTrue(violation.message(), violation.message().startsWith("is not valid JSON: "));
        assertTrue(violation.message(), violation.message().contains("line 1, column"));
    }

    @Test
    public void truncatedJsonIsRejected() {
        Violation violation = only(defaults.validate(submission("{\"a\": [1, 2")));

        assertTrue(violation.message(), violation.message().startsWith("is not valid JSON: "));
    }

    @Test
    public void textAfterTheValueIsRejected() {
        assertTrue(only(defaults.validate(submission("{} {}"))).message().startsWith("must be one JSON value"));
        assertTrue(only(defaults.validate(submission("1 2"))).message().startsWith("must be one JSON value"));
    }

    @Test
    public void nonStandardJsonIsRejected() {
        for (String payload : new String[] {"NaN", "{'a': 1}", "[1,]", "// comment\n{}", "hello"}) {
            assertEquals(payload, "payload", only(defaults.validate(submission(payload))).field());
        }
    }

    @Test
    public void errorMessagesDoNotEchoTheWholePayload() {
        String secret = "x".repeat(5000);
        Violation violation = only(defaults.validate(submission("{\"a\": " + secret + "}")));

        assertTrue(violation.message().length() < 1000);
    }

    @Test
    public void sizeIsCountedInUtf8Bytes() {
        PayloadValidator small = validator(Map.of("max_bytes", 10L));
        // 8 characters but 4 of them take two bytes each: 12 bytes.
        String accented = "\"\u00e9\u00e9\u00e9\u00e9ab\"";

        assertTrue(small.validate(submission("\"abcdefgh\"")).isValid());
        assertEquals(new Violation("payload", "is 12 bytes of UTF-8, at most 10 allowed"),
                only(small.validate(submission(accented))));
    }

    @Test
    public void utf8LengthMatchesTheEncoder() {
        for (String text : new String[] {"", "abc", "\u00e9", "\u20ac", "\ud83d\ude00", "a\ud83d\ude00\u00e9\u20acz",
                "\ud83d", "\ude00x"}) {
            assertEquals(text, text.getBytes(StandardCharsets.UTF_8).length, PayloadValidator.utf8Length(text));
        }
    }

    @Test
    public void theDefaultSizeLimitIsOneMebibyte() {
        String atLimit = "\"" + "a".repeat(1024 * 1024 - 2) + "\"";
        String overLimit = "\"" + "a".repeat(1024 * 1024 - 1) + "\"";

        assertTrue(defaults.validate(submission(atLimit)).isValid());
        assertEquals(new Violation("payload", "is 1048577 bytes of UTF-8, at most 1048576 allowed"),
                only(defaults.validate(submission(overLimit))));
    }

    @Test
    public void nestingIsLimited() {
        PayloadValidator shallow = validator(Map.of("max_depth", 3));

        assertTrue(shallow.validate(submission("[[[1]]]")).isValid());
        assertTrue(shallow.validate(submission("{\"a\": {\"b\": [1, 2]}, \"c\": [[3]]}")).isValid());
        Violation violation = only(shallow.validate(submission("[[[[1]]]]")));
        assertEquals("payload", violation.field());
        assertTrue(violation.message(), violation.message().startsWith("nests deeper than 3 levels"));
    }

    @Test
    public void theDefaultDepthIs64() {
        assertTrue(defaults.validate(submission("[".repeat(64) + "]".repeat(64))).isValid());
        assertTrue(only(defaults.validate(submission("[".repeat(65) + "]".repeat(65)))).message()
                .startsWith("nests deeper than 64 levels"));
    }

    @Test
    public void aDepthAboveJacksonsOwnDefaultCanBeConfigured() {
        PayloadValidator deep = validator(Map.of("max_depth", 2000));

        assertTrue(deep.validate(submission("[".repeat(1500) + "]".repeat(1500))).isValid());
    }

    @Test
    public void describesItself() {
        assertEquals("blixard.validator.payload", defaults.metadata().name());
        assertEquals("1048576", defaults.health().details().get("max_bytes"));
    }

    static PayloadValidator validator(Map<String, Object> config) {
        return new PayloadValidator(ConfigProxy.of(PayloadValidatorConfig.class, config));
    }

    static JobSubmission submission(String payload) {
        return JobSubmission.builder(payload).build();
    }

    static Violation only(ValidationResult result) {
        assertEquals(result.violations().toString(), 1, result.violations().size());
        return result.violations().get(0);
    }
}
