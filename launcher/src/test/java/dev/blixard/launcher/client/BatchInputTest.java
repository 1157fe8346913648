package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

public class BatchInputTest {

    private static final String EXPECTED = "{\"jobs\":[{\"payload\":1,\"priority\":9},{\"payload\":2,\"priority\":3}]}";

    private static String request(String text) throws ClientUsageException {
        ObjectNode defaults = Json.object().put("priority", 3);
        return Json.compact(BatchInput.request(text, defaults));
    }

    @Test
    public void acceptsAnArrayTheApiShapeAndNdjsonWithTheOptionsAsDefaults() throws Exception {
        assertEquals(EXPECTED, request("[{\"payload\":1,\"priority\":9},{\"payload\":2}]"));
        assertEquals(EXPECTED, request("{\"jobs\":[{\"payload\":1,\"priority\":9},{\"payload\":2}]}"));
        assertEquals(EXPECTED, request("{\"payload\":1,\"priority\":9}\n\n{\"payload\":2}\n"));
    }

    @Test
    public void aSinglePrettyPrintedSubmissionIsOneEntry() throws Exception {
        assertEquals("{\"jobs\":[{\"payload\":{\"a\":1},\"priority\":3}]}", request("{\n  \"payload\": {\"a\": 1}\n}\n"));
    }

    @Test
    public void rejectsEmptyBatchesNonObjectsAndBadLines() {
        assertThrows(ClientUsageException.class, () -> request("[]"));
        assertThrows(ClientUsageException.class, () -> request("[1, 2]"));
        String message = assertThrows(ClientUsageException.class, () -> request("{\"payload\":1}\n{\"payload\":")).getMessage();
        assertTrue(message, message.startsWith("line 2 of the batch is not JSON: "));
    }
}
