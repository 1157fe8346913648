package dev.blixard.http.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import org.junit.Test;

public class JsonCodecTest {
    private final JsonCodec codec = JsonCodec.withMaxDepth(4);

    @Test
    public void refusesWhatIsNotOneJsonValue() {
        badRequest("");
        badRequest("{\"a\": ");
        badRequest("{\"a\": 1} {\"b\": 2}");
        badRequest("{\"a\": 1, \"a\": 2}");
    }

    @Test
    public void refusesNestingBeyondTheLimit() {
        assertEquals(3, codec.parse(SubmissionJsonTest.bytes("[[[3]]]")).path(0).path(0).path(0).asInt());
        badRequest("[[[[[5]]]]]");
    }

    /** Jackson's messages name its classes and settings; the caller gets what is wrong, not how we parse. */
    @Test
    public void refusalsNameNoneOfTheParsersInsides() {
        for (String json : new String[] {"[[[[[5]]]]]", "{\"a\": 1} [2]", "{\"a\": NaN}", "{\"a\": 1,}", "nul",
                "[" + "1".repeat(1001) + "]", "{\"a\": 1, \"a\": 2}"}) {
            String detail = badRequest(json).detail();
            assertFalse(json + ": " + detail, detail.matches(".*(`|jackson|Exception|StreamReadConstraints|Feature).*"));
        }
        assertEquals("the JSON body is nested deeper than 4 levels", badRequest("[[[[[5]]]]]").detail());
    }

    @Test
    public void compactTextKeepsTheValue() {
        assertEquals("{\"a\":[1,\"x\",null]}", codec.text(codec.parse(SubmissionJsonTest.bytes("{ \"a\" : [1, \"x\", null] }"))));
    }

    private HttpProblem badRequest(String json) {
        try {
            codec.parse(SubmissionJsonTest.bytes(json));
            fail("parsed " + json);
            return null;
        } catch (HttpProblem problem) {
            assertEquals(ProblemKind.BAD_REQUEST, problem.kind());
            return problem;
        }
    }
}
