package dev.blixard.core.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class JsonTextTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    public void listsAreWrittenAsTheObjectMapperWritesThem() throws Exception {
        for (List<String> values : List.of(List.<String>of(), List.of("mock"), List.of("local", "wasm", "a-b_c.d"),
                List.of("quote\"d"), List.of("back\\slash"), List.of("tab\t"), List.of("ünïcode"), List.of(""))) {
            String written = JsonText.ofList(values);
            assertEquals(mapper.writeValueAsString(values), written);
            assertEquals(values, JsonText.list(written));
        }
    }

    @Test
    public void listsReadAsTheObjectMapperReadsThem() throws Exception {
        for (String json : List.of("[\"a,b\",\"c\"]", "[\"]\"]", "[\"\"]", "[ \"spaced\" ]", "[\"x\" ,\"y\"]",
                "[\"esc\\u0041ped\"]", "[\"ü\",\"ß\"]")) {
            assertEquals(json, mapper.readValue(json, List.class), JsonText.list(json));
        }
    }

    @Test
    public void malformedListsAreRefused() {
        for (String json : List.of("[\"a\",]", "[\"a\"", "[\"a\" \"b\"]", "[\"unterminated]")) {
            try {
                List<String> read = JsonText.list(json);
                fail(json + " read as " + read);
            } catch (IllegalStateException expected) {
                // corrupt column text
            }
        }
    }

    @Test
    public void mapsHaveSortedKeysAndReadBack() {
        assertEquals("{}", JsonText.ofMap(Map.of()));
        String written = JsonText.ofMap(Map.of("zone", "b", "disk", "ssd"));
        assertEquals("{\"disk\":\"ssd\",\"zone\":\"b\"}", written);
        assertEquals(Map.of("zone", "b", "disk", "ssd"), JsonText.map(written));
    }
}
