package dev.blixard.backend.local;

import dev.blixard.backend.local.os.Signal;
import dev.blixard.backend.local.os.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes of one job: the one the backend started (the leader of its own process group, through
 * {@code setsid}) and every descendant ever seen. A process that leaves the group ({@code setsid}) is still
 * remembered, so it is found and killed with the rest; remembering each one's start time keeps a recycled PID
 * of an unrelated process from being signalled.
 *
 * <p>A daemon that double-forks and leaves the session before it was ever seen is neither in the group nor a
 * descendant any more. It still carries the job's environment, so when a job is ended from outside (timeout,
 * cancel, the backend stopping) a sweep over {@code /proc/PID/environ} finds the processes that hold the
 * job's {@code BLIXARD_EXECUTION_ID} too. The sweep reads every process's environment, so it is kept for those
 * endings and not done after every normal exit.
 */
final class ProcessTree {

    /** The environment variable every process of a job inherits, naming its execution. */
    static final String MARKER_VARIABLE = "BLIXARD_EXECUTION_ID";

    private final long leader;
    private final byte[] marker;
    private final Signals signals;
    private final Map<Long, Optional<Instant>> members = new ConcurrentHashMap<>();

    ProcessTree(ProcessHandle leader, String executionId, Signals signals) {
        this.leader = leader.pid();
        this.marker = (MARKER_VARIABLE + "=" + executionId + "\0").getBytes(StandardCharsets.UTF_8);
        this.signals = signals;
        remember(leader);
    }

    long leaderPid() {
        return leader;
    }

    /**
     * Adds the current descendants of the leader and of every process remembered to the processes remembered.
     *
     * @return the pids of the leader's tree as {@code table} shows it, for the usage sample
     */
    List<Long> refresh(ProcessTable table) {
        table.descendantsOf(List.copyOf(members.keySet())).forEach(this::remember);
        return table.descendantsOf(List.of(leader)).stream().map(ProcessHandle::pid).toList();
    }

    private void remember(ProcessHandle process) {
        members.putIfAbsent(process.pid(), process.info().startInstant());
    }

    /**
     * Sends {@code signal} to the leader's group and to every remembered process still alive.
     *
     * @param sweep whether to look again for the job's processes first, by parentage and by their environment
     *        (a walk over every process; without it, the leader's group and the processes remembered from the
     *        samples are signalled)
     * @return how many remembered processes were still alive
     */
    int signalAll(Signal signal, boolean sweep) {
        if (sweep) {
            refresh(ProcessTable.snapshot());
            ProcessHandle.allProcesses().filter(this::carriesMarker).forEach(this::remember);
        }
        signals.signalGroup(leader, signal);
        int alive = 0;
        for (Map.Entry<Long, Optional<Instant>> member : members.entrySet()) {
            Optional<ProcessHandle> process = ProcessHandle.of(member.getKey());
            if (process.isPresent() && process.get().isAlive()
                    && process.get().info().startInstant().equals(member.getValue())) {
                alive++;
                signals.signalProcess(member.getKey(), signal);
            }
        }
        return alive;
    }

    private boolean carriesMarker(ProcessHandle process) {
        try {
            byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
            return indexOf(environment, marker) >= 0;
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read: then not a process this node started
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue; // variables start after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether any remembered process (the leader included) still runs. */
    boolean anyAlive() {
        return members.entrySet().stream().anyMatch(member -> ProcessHandle.of(member.getKey())
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().equals(member.getValue()))
                .isPresent());
    }
}
