package dev.blixard.backend.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine is told about one job's container, decided (and checked) before anything is sent:
 * the payload's image, command and environment, the resolved limits and mounts, the network, and the labels
 * that tie the container to its job, execution and node.
 *
 * @param payload the job's payload
 * @param limits the limits after defaults and maximums
 * @param binds the allowed mounts, their host paths resolved
 * @param network the network the container joins ({@code none}: only loopback)
 * @param environment the whole environment: the node's variables, then the payload's
 * @param labels the container's labels (see {@link DockerEngine#LABEL_NODE} and its siblings)
 * @param timeout the wall-clock limit of the execution
 * @param logMaxBytes how large the engine's own log file of the container may grow
 */
record ContainerSpec(DockerPayload payload, ContainerLimits limits, List<ResolvedMount> binds, String network,
        Map<String, String> environment, Map<String, String> labels, Duration timeout, long logMaxBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A bind mount that passed the allow-list: the real host path, and where it appears. */
    record ResolvedMount(Path source, String target, boolean readOnly) {
    }

    /**
     * The create command. No TTY, so stdout and stderr stay two streams; no standard input; no new privileges
     * (setuid binaries in the image cannot raise a job above its user); swap equal to memory, so the memory
     * limit is what the job can use and an overrun is an OOM kill rather than swapping.
     */
    CreateContainerCmd createCommand(DockerClient client, String name) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs(limits.nanoCpus())
                .withPidsLimit(limits.pids())
                .withSecurityOpts(List.of("no-new-privileges"))
                // Output is followed while the container runs; the engine's copy only needs to bridge a slow reader.
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", Long.toString(logMaxBytes), "max-file", "1")))
                .withBinds(binds.stream().map(mount -> new Bind(mount.source().toString(), new Volume(mount.target()),
                        mount.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        CreateContainerCmd create = client.createContainerCmd(payload.image())
                .withName(name)
                .withLabels(labels)
                .withEnv(environment.entrySet().stream().map(variable -> variable.getKey() + "=" + variable.getValue()).toList())
                .withAttachStdin(false)
                .withStdinOpen(false)
                .withTty(false)
                .withHostConfig(host);
        payload.cmd().ifPresent(create::withCmd);
        payload.entrypoint().ifPresent(create::withEntrypoint);
        payload.workdir().ifPresent(create::withWorkingDir);
        payload.user().ifPresent(create::withUser);
        return create;
    }

    /** How the container was set up, for the result's {@code output} (with what only the end knows). */
    ObjectNode describe(String containerId, boolean oomKilled) {
        ObjectNode setup = JSON.createObjectNode();
        setup.put("image", payload.image());
        if (containerId != null) {
            setup.put("container_id", containerId);
        }
        setup.put("oom_killed", oomKilled);
        setup.put("network", network);
        ObjectNode limitsNode = setup.putObject("limits");
        limitsNode.put("memory_mb", limits.memoryMb());
        limitsNode.put("cpus", limits.cpus());
        limitsNode.put("pids", limits.pids());
        setup.put("timeout_ms", timeout.toMillis());
        if (!binds.isEmpty()) {
            binds.forEach(mount -> setup.withArray("mounts").addObject().put("source", mount.source().toString())
                    .put("target", mount.target()).put("read_only", mount.readOnly()));
        }
        return setup;
    }
}
