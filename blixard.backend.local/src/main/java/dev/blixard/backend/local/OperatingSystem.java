package dev.blixard.backend.local;

import dev.blixard.api.job.Resources;
import dev.blixard.backend.local.os.Executables;
import dev.blixard.backend.local.os.HostResources;
import dev.blixard.backend.local.os.Libc;
import dev.blixard.backend.local.os.Limits;
import dev.blixard.backend.local.os.ProcessTreeUsage;
import dev.blixard.backend.local.os.ResourceLimit;
import dev.blixard.backend.local.os.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node's operating system as the backend uses it: libc through JNA (signals, limits, memory, disk), the
 * util-linux tools that wrap a job ({@code setsid} always, {@code prlimit} for limits), and the host's
 * resources in the API's terms. Loaded once per activation.
 */
final class OperatingSystem {

    private static final long MIB = 1024L * 1024;

    private final Signals signals;
    private final Limits limits;
    private final HostResources host;
    private final ProcessTreeUsage usage;
    private final Path setsid;
    private final Optional<Path> prlimit;

    private OperatingSystem(Libc libc, Path setsid, Optional<Path> prlimit) {
        this.signals = new Signals(libc);
        this.limits = new Limits(libc);
        this.host = new HostResources(libc);
        this.usage = new ProcessTreeUsage(libc);
        this.setsid = setsid;
        this.prlimit = prlimit;
    }

    /** @throws IOException when {@code setsid} is missing: without a process group per job, no tree could be killed */
    static OperatingSystem load(String searchPath) throws IOException {
        Path setsid = Executables.resolve("setsid", searchPath).orElseThrow(() -> new IOException(
                "setsid (util-linux) is not on the node's PATH (" + searchPath + "): the local backend needs it to give "
                        + "each job a process group it can stop as a whole"));
        return new OperatingSystem(Libc.load(), setsid, Executables.resolve("prlimit", searchPath));
    }

    Signals signals() {
        return signals;
    }

    ProcessTreeUsage usage() {
        return usage;
    }

    Path setsid() {
        return setsid;
    }

    Optional<Path> prlimit() {
        return prlimit;
    }

    /** The node's own hard limit of a kind (empty: unlimited), in the kernel's unit. */
    OptionalLong hardLimit(JobLimits.Limit limit) {
        return limits.hard(switch (limit) {
            case CPU_SECONDS -> ResourceLimit.CPU;
            case ADDRESS_SPACE_MB -> ResourceLimit.AS;
            case OPEN_FILES -> ResourceLimit.NOFILE;
            case PROCESSES -> ResourceLimit.NPROC;
        });
    }

    /** All CPUs, all memory, and the disk of the work directories. */
    Resources total(Path workRoot) {
        return new Resources(host.onlineCpus(), host.totalMemoryBytes() / MIB, freeDiskMb(workRoot));
    }

    /** CPUs not busy by the one-minute load average, memory available, free disk of the work directories. */
    Resources available(Path workRoot) {
        double idleCpus = Math.max(0, host.onlineCpus() - host.loadAverage1m());
        return new Resources(idleCpus, host.freeMemoryBytes() / MIB, freeDiskMb(workRoot));
    }

    Map<String, String> hostDetails(Path workRoot) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("cpus", Integer.toString(host.onlineCpus()));
        details.put("load_1m", String.format(Locale.ROOT, "%.2f", host.loadAverage1m()));
        details.put("memory_free_mb", Long.toString(host.freeMemoryBytes() / MIB));
        details.put("disk_free_mb", Long.toString(freeDiskMb(workRoot)));
        details.put("prlimit", prlimit.map(Path::toString).orElse("missing: jobs with limits are refused"));
        return details;
    }

    private long freeDiskMb(Path workRoot) {
        try {
            return host.freeDiskBytes(workRoot) / MIB;
        } catch (IOException e) {
            return 0;
        }
    }
}
