package dev.blixard.backend.vm.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running VMM process: its console (standard output), its own messages (standard error, in a log file of the
 * execution's directory, read back for error messages), and how it is stopped: politely first (SIGTERM, or the
 * VMM's API), by SIGKILL when it has not ended after the grace.
 */
public final class VmmProcess {

    /** How a VMM is asked to stop before it is killed. */
    @FunctionalInterface
    public interface PoliteStop {
        void ask(Process process) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(VmmProcess.class);
    private static final int LOG_TAIL_BYTES = 4096;
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private final Process process;
    private final String accelerator;
    private final Path log;
    private final PoliteStop politeStop;

    /**
     * @param accelerator {@code kvm} or {@code tcg}
     * @param log the file the process's standard error goes to
     */
    public VmmProcess(Process process, String accelerator, Path log, PoliteStop politeStop) {
        this.process = process;
        this.accelerator = accelerator;
        this.log = log;
        this.politeStop = politeStop;
    }

    /** Starts {@code builder} with its standard error appended to {@code log} and no standard input. */
    static Process launch(ProcessBuilder builder, Path log) throws IOException {
        return builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    public long pid() {
        return process.pid();
    }

    public String accelerator() {
        return accelerator;
    }

    /** @return the guest's console as the VMM writes it to its standard output */
    public InputStream console() {
        return process.getInputStream();
    }

    /** @return completed with the VMM's exit status when its process has ended */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** @return the end of what the VMM wrote to its standard error, for error messages */
    public String messages() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the VMM: the polite request, then SIGKILL after {@code grace}; returns once the process has ended (or
     * could not be killed within a few seconds more, which is logged).
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        try {
            politeStop.ask(process);
        } catch (IOException | RuntimeException e) {
            LOG.debug("VMM {}: the polite stop failed ({}); it is killed after the grace", process.pid(), e.toString());
        }
        if (!waitFor(grace)) {
            process.destroyForcibly();
            if (!waitFor(AFTER_KILL)) {
                LOG.warn("VMM process {} did not end {} s after SIGKILL", process.pid(), AFTER_KILL.toSeconds());
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
