package dev.blixard.backend.docker;

import dev.blixard.api.job.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup limits one container gets. Each comes from the payload's {@code limits} if named there, else from
 * the resources placement granted the job, else from the backend's default; none may exceed the backend's
 * maximum (a job can lower the node's bound, never raise it).
 *
 * @param memoryMb memory limit in MiB, swap included (so that the limit is what the job can use)
 * @param cpus CPU quota in cores
 * @param pids the most processes (and threads) in the container
 */
record ContainerLimits(long memoryMb, double cpus, long pids) {

    /** @throws IllegalArgumentException naming each limit above its maximum, with both figures */
    static ContainerLimits resolve(DockerPayload.RequestedLimits asked, Resources granted, DockerBackendConfig config) {
        long memory = asked.memoryMb().orElse(granted.memoryMb() > 0 ? granted.memoryMb() : config.default_memory_mb());
        double cpus = asked.cpus().orElse(granted.cpu() > 0 ? granted.cpu() : config.default_cpus());
        long pids = asked.pids().orElse(config.default_pids());
        List<String> problems = new ArrayList<>();
        if (memory > config.max_memory_mb()) {
            problems.add("\"limits.memory_mb\": " + memory + " MiB is above this node's limit of " + config.max_memory_mb() + " MiB");
        }
        if (cpus > config.max_cpus()) {
            problems.add("\"limits.cpus\": " + cpus + " is above this node's limit of " + config.max_cpus());
        }
        if (pids > config.max_pids()) {
            problems.add("\"limits.pids\": " + pids + " is above this node's limit of " + config.max_pids());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ContainerLimits(memory, cpus, pids);
    }

    long memoryBytes() {
        return memoryMb * 1024 * 1024;
    }

    /** The engine's unit for a CPU quota: billionths of a CPU. */
    long nanoCpus() {
        return Math.round(cpus * 1e9);
    }
}
