package dev.blixard.core.job;

import static org.junit.Assert.assertEquals;

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
    public void mapsHaveSortedKeysAndReadBack() {
        assertEquals("{}", JsonText.ofMap(Map.of()));
        String written = JsonText.ofMap(Map.of("zone", "b", "disk", "ssd"));
        assertEquals("{\"disk\":\"ssd\",\"zone\":\"b\"}", written);
        assertEquals(Map.of("zone", "b", "disk", "ssd"), JsonText.map(written));
    }
}
