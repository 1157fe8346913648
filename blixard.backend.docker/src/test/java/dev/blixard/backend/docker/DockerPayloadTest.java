package dev.blixard.backend.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Reading a docker job's payload: every field, and every problem named with its field. */
public class DockerPayloadTest {

    @Test
    public void everyFieldIsRead() {
        DockerPayload payload = DockerPayload.parse("{\"image\": \"busybox:1\", \"cmd\": [\"echo\", \"hi\"], \"entrypoint\": [],"
                + " \"env\": {\"A_1\": \"x\"}, \"workdir\": \"/w\", \"user\": \"1000:1000\", \"network\": \"none\","
                + " \"limits\": {\"memory_mb\": 64, \"cpus\": 0.5, \"pids\": 32}, \"timeout_ms\": 900,"
                + " \"mounts\": [{\"source\": \"/srv/in\", \"target\": \"/in\", \"read_only\": true}]}");
        assertEquals("busybox:1", payload.image());
        assertEquals(Optional.of(List.of("echo", "hi")), payload.cmd());
        assertEquals(Optional.of(List.of()), payload.entrypoint());
        assertEquals(Map.of("A_1", "x"), payload.environment());
        assertEquals(Optional.of("/w"), payload.workdir());
        assertEquals(Optional.of("1000:1000"), payload.user());
        assertEquals(64, payload.limits().memoryMb().getAsLong());
        assertEquals(0.5, payload.limits().cpus().getAsDouble(), 0);
        assertEquals(32, payload.limits().pids().getAsLong());
        assertEquals(900, payload.timeoutMillis().getAsLong());
        assertEquals(List.of(new DockerPayload.Mount("/srv/in", "/in", true)), payload.mounts());
    }

    @Test
    public void onlyTheImageIsRequired() {
        DockerPayload payload = DockerPayload.parse("{\"image\": \"busybox\"}");
        assertEquals(Optional.empty(), payload.cmd());
        assertEquals(DockerPayload.RequestedLimits.NONE, payload.limits());
        assertEquals(List.of(), payload.mounts());
    }

    @Test
    public void everyProblemIsNamedWithItsField() {
        String problems = problems("{\"cmd\": [\"echo\", 1], \"env\": {\"1BAD\": \"x\", \"OK\": 2}, \"workdir\": \"relative\","
                + " \"limits\": {\"memory_mb\": 0, \"cpus\": \"many\", \"swap\": 1}, \"timeout_ms\": -5, \"colour\": \"red\","
                + " \"mounts\": [{\"source\": \"/a\"}, {\"source\": \"/b\", \"target\": \"/\"}, 7]}");
        for (String expected : List.of("\"image\" is required", "\"cmd\" must be an array of strings",
                "\"env\" has \"1BAD\", which is not a variable name", "\"env.OK\" must be a string",
                "\"workdir\" must be an absolute path", "\"limits.memory_mb\" must be a positive whole number",
                "\"limits.cpus\" must be a number above 0", "\"swap\" is not a field of \"limits\"",
                "\"timeout_ms\" must be a positive whole number", "\"colour\" is not a field of a docker job",
                "\"mounts[0].target\" is required", "\"mounts[1].target\" must be an absolute path other than /",
                "\"mounts[2]\" must be an object")) {
            assertTrue(expected + " in: " + problems, problems.contains(expected));
        }
    }

    @Test
    public void aPayloadThatIsNoObjectSaysWhatIsExpected() {
        assertTrue(problems("[1]").contains("must be an object with an \"image\""));
        assertTrue(problems("{").contains("not JSON"));
    }

    private static String problems(String payload) {
        try {
            DockerPayload.parse(payload);
            fail("accepted " + payload);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
