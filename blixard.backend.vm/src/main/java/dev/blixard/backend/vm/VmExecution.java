package dev.blixard.backend.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceUsage;
import dev.blixard.api.backend.TrackedExecution;
import dev.blixard.backend.vm.driver.VmLaunch;
import dev.blixard.backend.vm.driver.VmmDriver;
import dev.blixard.backend.vm.driver.VmmProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's VM from boot to removal. On an I/O thread of the backend it writes the job into the VM's directory
 * (the base initrd with the job's archive appended, or a config disk), listens on the job's stdout and stderr
 * sockets, starts the VMM, and follows the console for the guest's markers. It ends when the VMM has ended: after
 * the guest reported the exit code and rebooted, or because a timeout, a cancel or the backend stopping killed
 * it. Then its directory goes, and only then is the final status published: nothing of it outlives the job.
 */
final class VmExecution implements TrackedExecution {

    /** What every execution of one backend instance shares. */
    record Context(RuntimeDirectory directories, ExecutorService io, ScheduledExecutorService timers, int outputCap,
            Duration killGrace, Clock clock) {
    }

    /**
     * A job checked and ready to boot.
     *
     * @param initrd the base initrd (the job's archive is appended to a copy), or empty for a rootfs guest
     * @param cmdline the job's own kernel arguments
     * @param describe the image names and settings, for the result and the metadata
     */
    record Plan(VmmDriver driver, Path kernel, Optional<Path> initrd, Optional<Path> rootfs, List<String> argv,
            Map<String, String> environment, List<String> cmdline, int vcpus, int memoryMb, boolean kvm,
            Duration timeout, Map<String, String> describe) {
    }

    /** Why an execution ended before its guest reported an exit code. */
    private record Ending(ExecutionState state, String reason, boolean retryable) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(VmExecution.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set once the guest reported the exit code: a stop asked for later cannot change how the job ended. */
    private static final Ending OVER = new Ending(ExecutionState.SUCCEEDED, "over", false);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    /** How long the readers may take to drain what the VMM wrote before it ended. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final int MAX_LINE = 1024;

    private final ExecutionHandle handle;
    private final Plan plan;
    private final Context context;
    private final Runnable whenEnded;
    private final CompletableFuture<ExecutionStatus> completion = new CompletableFuture<>();
    private final CompletableFuture<Void> exitReported = new CompletableFuture<>();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final CapturedOutput console;
    private final CapturedOutput stdout;
    private final CapturedOutput stderr;
    /** The serial sockets: listening ones and the VMM's connections; guarded by itself. */
    private final List<java.nio.channels.Channel> openChannels = new ArrayList<>();
    private volatile ExecutionState state = ExecutionState.PENDING;
    private volatile Instant startedAt;
    private volatile Path directory;
    private volatile GuestJob guest;
    private volatile VmmProcess vmm;
    private long vmmStartNanos;
    private volatile long guestStartNanos;
    private volatile long bootMillis = -1;
    private volatile long runMillis = -1;
    private volatile Integer exitCode;
    private volatile long maxRssBytes = -1;
    private volatile long cpuMillis = -1;

    VmExecution(ExecutionHandle handle, Plan plan, Context context, Runnable whenEnded) {
        this.handle = handle;
        this.plan = plan;
        this.context = context;
        this.whenEnded = whenEnded;
        this.console = new CapturedOutput(context.outputCap());
        this.stdout = new CapturedOutput(context.outputCap());
        this.stderr = new CapturedOutput(context.outputCap());
    }

    @Override
    public ExecutionHandle handle() {
        return handle;
    }

    int vcpus() {
        return plan.vcpus();
    }

    int memoryMb() {
        return plan.memoryMb();
    }

    @Override
    public CompletableFuture<ExecutionStatus> completion() {
        return completion;
    }

    @Override
    public ExecutionStatus status() {
        ExecutionStatus last = completion.getNow(null);
        if (last != null) {
            return last;
        }
        return ExecutionStatus.builder(handle, state).stdout(stdout.text(), stdout.truncated())
                .stderr(stderr.text(), stderr.truncated()).startedAt(startedAt).build();
    }

    /**
     * Asks the execution to end; the first ending asked for stands, and none once the guest reported its exit code.
     *
     * @return whether this call decided the ending
     */
    boolean stop(ExecutionState why, String reason, boolean retryable) {
        if (!ending.compareAndSet(null, new Ending(why, reason, retryable))) {
            return false;
        }
        VmmProcess running;
        synchronized (this) {
            running = vmm;
        }
        if (running != null) {
            context.io().execute(() -> running.stop(context.killGrace()));
        }
        return true;
    }

    /** Boots the VM and follows it to its end; runs on an I/O thread, returns when the execution has ended. */
    void run() {
        ScheduledFuture<?> timeout = context.timers().schedule(() -> stop(ExecutionState.TIMED_OUT,
                "job " + handle.jobId() + " timed out after " + plan.timeout().toMillis() + " ms", false),
                plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
        List<CompletableFuture<Void>> readers = new ArrayList<>();
        try {
            VmmProcess started = boot(readers);
            follow(started);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Job {} (vm execution {}): its VM could not boot: {}", handle.jobId(), handle.executionId(), e.toString());
            ending.compareAndSet(null, new Ending(ExecutionState.FAILED, "job " + handle.jobId()
                    + " could not boot its VM: " + e.getMessage(), true));
        } finally {
            timeout.cancel(false);
            drain(readers);
            finish();
        }
    }

    private VmmProcess boot(List<CompletableFuture<Void>> readers) throws IOException {
        Path dir = context.directories().create();
        directory = dir;
        VmmDriver driver = plan.driver();
        guest = GuestJob.of(plan.argv(), plan.environment(), driver.separateOutputPorts());
        Optional<Path> initrd = Optional.empty();
        if (plan.initrd().isPresent()) {
            initrd = Optional.of(dir.resolve("initrd.img"));
            guest.writeInitrd(plan.initrd().get(), initrd.get());
        }
        Optional<Path> configDisk = Optional.empty();
        if (plan.rootfs().isPresent()) {
            configDisk = Optional.of(dir.resolve("config.img"));
            guest.writeConfigDisk(configDisk.get());
        }
        Optional<VmLaunch.OutputPorts> ports = Optional.empty();
        if (driver.separateOutputPorts()) {
            VmLaunch.OutputPorts paths = new VmLaunch.OutputPorts(dir.resolve("stdout"), dir.resolve("stderr"));
            readers.add(readPort(listen(paths.stdout()), stdout));
            readers.add(readPort(listen(paths.stderr()), stderr));
            ports = Optional.of(paths);
        }
        VmLaunch launch = new VmLaunch("blixard-" + handle.executionId(), dir, plan.kernel(), initrd, plan.rootfs(),
                configDisk, KernelCommandLine.build(plan.rootfs().isPresent(), driver.kernelArguments(), plan.cmdline()),
                plan.vcpus(), plan.memoryMb(), plan.kvm(), ports);
        if (ending.get() != null) {
            throw new IOException("stopped before the VM started");
        }
        startedAt = context.clock().instant();
        vmmStartNanos = System.nanoTime();
        VmmProcess started = driver.start(launch);
        RuntimeDirectory.recordVmm(dir, started.pid());
        synchronized (this) {
            vmm = started;
        }
        state = ExecutionState.RUNNING;
        readers.add(CompletableFuture.runAsync(() -> readConsole(started.console()), context.io()));
        if (ending.get() != null && ending.get() != OVER) {
            context.io().execute(() -> started.stop(context.killGrace()));
        }
        LOG.debug("Job {} (vm execution {}) boots on {} ({}), pid {}, in {}", handle.jobId(), handle.executionId(),
                driver.name(), started.accelerator(), started.pid(), dir);
        return started;
    }

    /** Waits for the VMM to end; once the guest reported the exit code it gets the kill grace to power off. */
    private void follow(VmmProcess started) {
        CompletableFuture<Integer> exited = started.exited();
        CompletableFuture<Object> either = CompletableFuture.anyOf(exited, exitReported);
        while (!either.isDone() && !Thread.currentThread().isInterrupted()) {
            sample(started.pid());
            awaitQuietly(either, SAMPLE_EVERY);
        }
        sample(started.pid());
        if (Thread.currentThread().isInterrupted()) {
            // The backend's threads are being torn down: no waiting any more, the VMM goes now.
            started.stop(Duration.ZERO);
        } else if (!exited.isDone()) {
            awaitQuietly(exited, context.killGrace());
            if (!exited.isDone()) {
                LOG.debug("Job {}: the guest reported its exit but the VMM still runs; stopping it", handle.jobId());
                started.stop(context.killGrace());
            }
        }
        exited.join();
    }

    private ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        synchronized (openChannels) {
            openChannels.add(server);
        }
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    /** Takes the VMM's one connection to a serial socket and keeps what arrives on it. */
    private CompletableFuture<Void> readPort(ServerSocketChannel server, CapturedOutput capture) {
        return CompletableFuture.runAsync(() -> {
            try (server; SocketChannel channel = server.accept()) {
                synchronized (openChannels) {
                    openChannels.add(channel);
                }
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (channel.read(buffer.clear()) >= 0) {
                    capture.write(buffer.array(), 0, buffer.position());
                }
            } catch (ClosedChannelException closed) {
                // Closed once the VMM had ended: it never connected, or the drain is over.
            } catch (IOException e) {
                LOG.debug("Job {}: reading a serial port failed: {}", handle.jobId(), e.toString());
            }
        }, context.io());
    }

    /** Keeps the console and watches it, line by line, for this job's markers. */
    private void readConsole(InputStream in) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream(MAX_LINE);
        boolean overlong = false;
        try (in) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                console.write(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        if (!overlong) {
                            guest.marker(line.toString(StandardCharsets.UTF_8)).ifPresent(this::marked);
                        }
                        line.reset();
                        overlong = false;
                    } else if (line.size() < MAX_LINE) {
                        line.write(buffer[i]);
                    } else {
                        overlong = true;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("Job {}: reading the console failed: {}", handle.jobId(), e.toString());
        }
    }

    private void marked(GuestJob.Marker marker) {
        long now = System.nanoTime();
        if (marker instanceof GuestJob.Started) {
            guestStartNanos = now;
            bootMillis = TimeUnit.NANOSECONDS.toMillis(now - vmmStartNanos);
        } else if (marker instanceof GuestJob.Exited exited && exitCode == null) {
            exitCode = exited.code();
            runMillis = guestStartNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(now - guestStartNanos);
            ending.compareAndSet(null, OVER);
            exitReported.complete(null);
        }
    }

    /** The VMM's peak memory and CPU time so far, from /proc while it runs. */
    private void sample(long pid) {
        ProcessUsage.of(pid).ifPresent(usage -> {
            maxRssBytes = Math.max(maxRssBytes, usage.peakRssBytes());
            cpuMillis = Math.max(cpuMillis, usage.cpuMillis());
        });
    }

    /**
     * Gives the readers a moment to take the VMM's last bytes, then closes whatever is still open. The listening
     * sockets close at once: the VMM has ended (or never started), so a port it has not connected yet stays unused.
     */
    private void drain(List<CompletableFuture<Void>> readers) {
        closeChannels(ServerSocketChannel.class);
        CompletableFuture<Void> all = CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new));
        awaitQuietly(all, DRAIN);
        closeChannels(java.nio.channels.Channel.class);
        awaitQuietly(all, DRAIN);
    }

    private void closeChannels(Class<? extends java.nio.channels.Channel> kind) {
        synchronized (openChannels) {
            for (java.nio.channels.Channel channel : openChannels) {
                try {
                    if (kind.isInstance(channel)) {
                        channel.close();
                    }
                } catch (IOException e) {
                    LOG.debug("Job {}: closing a serial socket: {}", handle.jobId(), e.toString());
                }
            }
        }
    }

    private void finish() {
        ExecutionStatus.Builder status = outcome().stdout(stdout.text(), stdout.truncated())
                .stderr(stderr.text(), stderr.truncated()).exitCode(exitCode).output(output().toString())
                .startedAt(startedAt).finishedAt(context.clock().instant())
                .usage(new ResourceUsage(cpuMillis, maxRssBytes));
        Path dir = directory;
        if (dir != null) {
            try {
                context.directories().remove(dir);
            } catch (RuntimeException e) {
                LOG.warn("Job {} (vm execution {}): {}", handle.jobId(), handle.executionId(), e.getMessage());
            }
        }
        ExecutionStatus last = status.build();
        state = last.state();
        try {
            whenEnded.run();
        } finally {
            completion.complete(last);
        }
        LOG.debug("VM execution {} of job {} ended: {}", handle.executionId(), handle.jobId(), last);
    }

    private ExecutionStatus.Builder outcome() {
        Ending asked = ending.get();
        if (asked != null && asked != OVER) {
            return ExecutionStatus.builder(handle, asked.state()).error(asked.reason()).retryable(asked.retryable());
        }
        if (exitCode != null) {
            return exitCode == 0 ? ExecutionStatus.builder(handle, ExecutionState.SUCCEEDED)
                    : ExecutionStatus.builder(handle, ExecutionState.FAILED)
                            .error("job " + handle.jobId() + " exited with code " + exitCode + " in its VM");
        }
        String messages = vmm == null ? "" : vmm.messages();
        return ExecutionStatus.builder(handle, ExecutionState.FAILED).error("the VM of job " + handle.jobId()
                + " ended before the job reported an exit code"
                + (bootMillis < 0 ? " (the guest never started it: see the console in the result)" : "")
                + (messages.isEmpty() ? "" : "; " + plan.driver().name() + " said: " + messages));
    }

    private ObjectNode output() {
        ObjectNode output = JSON.createObjectNode();
        output.put("driver", plan.driver().name());
        output.put("accelerator", vmm == null ? (plan.kvm() ? "kvm" : "tcg") : vmm.accelerator());
        plan.describe().forEach(output::put);
        output.put("vcpus", plan.vcpus());
        output.put("memory_mb", plan.memoryMb());
        if (bootMillis >= 0) {
            output.put("boot_ms", bootMillis);
        }
        if (runMillis >= 0) {
            output.put("run_ms", runMillis);
        }
        output.put("console", console.text());
        output.put("console_truncated", console.truncated());
        return output;
    }

    /** @return the facts an operator may want: driver, accelerator, VMM pid, directory, images, sizes */
    Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("driver", plan.driver().name());
        attributes.put("accelerator", plan.kvm() ? "kvm" : "tcg");
        attributes.putAll(plan.describe());
        attributes.put("vcpus", Integer.toString(plan.vcpus()));
        attributes.put("memory_mb", Integer.toString(plan.memoryMb()));
        attributes.put("timeout_ms", Long.toString(plan.timeout().toMillis()));
        synchronized (this) {
            if (vmm != null) {
                attributes.put("vmm_pid", Long.toString(vmm.pid()));
            }
        }
        Optional.ofNullable(directory).ifPresent(dir -> attributes.put("directory", dir.toString()));
        if (bootMillis >= 0) {
            attributes.put("boot_ms", Long.toString(bootMillis));
        }
        return attributes;
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // The caller looks at the future again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
