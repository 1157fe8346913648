package dev.blixard.backend.local.os;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * Starts a test's processes and, after the test (passed or failed), kills each of them by its handle together
 * with every descendant it has then, and any other process the test {@link #track(long) tracked}, for
 * instance one that left the tree or lives in another session.
 */
final class StartedProcesses extends ExternalResource {

    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> tracked = new ArrayList<>();

    /** Starts {@code command} with stdout to a pipe and stderr to the test's output. */
    Process start(String... command) throws IOException {
        return start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT));
    }

    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Kills the process {@code pid} too after the test, if it is still the same process then. */
    void track(long pid) {
        ProcessHandle.of(pid).ifPresent(tracked::add);
    }

    @Override
    protected void after() {
        // All the handles first, then the kills, so nothing is re-parented out of sight in between. A handle
        // remembers its process's start time, so a reused pid is not killed.
        List<ProcessHandle> victims = new ArrayList<>(tracked);
        for (Process process : started) {
            process.descendants().forEach(victims::add);
            victims.add(process.toHandle());
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        for (Process process : started) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
