package dev.blixard.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceUsage;
import java.time.Duration;

/**
 * Writes what an execution left behind as the JSON stored with the job: the result of a completed job and
 * the details of a failed one have the same shape, so clients read both the same way.
 */
final class ResultJson {
    private final ObjectMapper mapper;
    private final String nodeId;

    ResultJson(ObjectMapper mapper, String nodeId) {
        this.mapper = mapper;
        this.nodeId = nodeId;
    }

    /**
     * @param status the execution's final (or latest) status
     * @param measured how long the agent saw it run, used when the backend does not say
     */
    String of(ExecutionStatus status, Duration measured) {
        ObjectNode node = mapper.createObjectNode();
        if (status.exitCode().isPresent()) {
            node.put("exit_code", status.exitCode().get());
        } else {
            node.putNull("exit_code");
        }
        node.set("output", status.output().map(this::parse).orElse(null));
        node.put("stdout", status.stdout());
        node.put("stderr", status.stderr());
        node.put("stdout_truncated", status.stdoutTruncated());
        node.put("stderr_truncated", status.stderrTruncated());
        node.put("duration_ms", status.duration().orElse(measured).toMillis());
        node.put("backend", status.handle().backendType());
        node.put("execution_id", status.handle().executionId());
        node.put("node_id", nodeId);
        ResourceUsage usage = status.usage();
        if (usage != null && !usage.equals(ResourceUsage.UNKNOWN)) {
            ObjectNode used = node.putObject("usage");
            used.put("cpu_time_ms", usage.cpuTimeMillis());
            used.put("max_rss_bytes", usage.maxRssBytes());
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result of job " + status.handle().jobId(), e);
        }
    }

    /** A backend's output that is not JSON is kept as text rather than lost. */
    private JsonNode parse(String output) {
        try {
            JsonNode node = mapper.readTree(output);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(output);
        }
    }
}
