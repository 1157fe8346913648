package dev.blixard.backend.local;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class LocalPayloadTest {

    @Test
    public void aFullPayloadIsRead() {
        LocalPayload payload = LocalPayload.parse("{\"command\": [\"sh\", \"-c\", \"echo $X\"], \"env\": {\"X\": \"1\"},"
                + " \"cwd\": \"a/./b\", \"stdin\": \"in\", \"timeout_ms\": 500, \"isolation\": \"sandbox\","
                + " \"limits\": {\"cpu_seconds\": 2, \"open_files\": 64}}");
        assertEquals(List.of("sh", "-c", "echo $X"), payload.command());
        assertEquals(Map.of("X", "1"), payload.environment());
        assertEquals(Path.of("a/b"), payload.workingDirectory());
        assertEquals(Optional.of("in"), payload.stdin());
        assertEquals(Optional.of(500L), payload.timeoutMillis());
        assertEquals(Optional.of(Isolation.SANDBOX), payload.isolation());
        assertEquals(Optional.of(2L), payload.limits().get(JobLimits.Limit.CPU_SECONDS));
        assertEquals(List.of("--cpu=2", "--nofile=64"), payload.limits().prlimitOptions());
    }

    @Test
    public void onlyTheCommandIsRequired() {
        LocalPayload payload = LocalPayload.parse("{\"command\": [\"true\"]}");
        assertEquals(Path.of(""), payload.workingDirectory());
        assertTrue(payload.limits().isEmpty());
        assertEquals(Optional.empty(), payload.isolation());
    }

    @Test
    public void everyProblemIsNamedAtOnce() {
        String message = refused("{\"command\": [], \"cwd\": \"../up\", \"timeout_ms\": -1, \"isolation\": \"vm\","
                + " \"limits\": {\"cpu_second\": 1}, \"comand\": [\"x\"], \"env\": {\"1X\": \"a\"}}");
        for (String expected : List.of("\"command\" is required", "\"cwd\" must stay inside", "\"timeout_ms\" must be a positive",
                "\"isolation\" must be one of none, sandbox", "\"cpu_second\" is not a limit", "\"comand\" is not a field",
                "\"1X\" is not a variable name")) {
            assertTrue(expected + " in: " + message, message.contains(expected));
        }
    }

    @Test
    public void badShapesAreRefusedInWords() {
        assertTrue(refused("not json").contains("not JSON"));
        assertTrue(refused("[\"ls\"]").contains("must be an object with a \"command\" array"));
        assertTrue(refused("{\"command\": [\"ls\", 3]}").contains("must hold strings"));
        assertTrue(refused("{\"command\": [\"\"]}").contains("must start with the program"));
        assertTrue(refused("{\"command\": [\"ls\"], \"cwd\": \"/etc\"}").contains("must stay inside"));
        assertTrue(refused("{\"command\": [\"ls\"], \"limits\": {\"processes\": 1.5}}").contains("limits.processes"));
    }

    private static String refused(String json) {
        try {
            LocalPayload.parse(json);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        fail("accepted: " + json);
        return null;
    }
}
