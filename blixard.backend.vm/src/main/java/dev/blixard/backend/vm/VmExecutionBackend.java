package dev.blixard.backend.vm;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionMetadata;
import dev.blixard.api.backend.ExecutionRegistry;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.backend.vm.driver.CloudHypervisorDriver;
import dev.blixard.backend.vm.driver.FirecrackerDriver;
import dev.blixard.backend.vm.driver.QemuDriver;
import dev.blixard.backend.vm.driver.VmmDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vm} execution backend: each job boots a small VM of its own, from a kernel and an initrd (or a
 * rootfs) of the node's image directory, on one of its VMM drivers (QEMU, with KVM only where a probe boot showed
 * it works; Cloud Hypervisor and Firecracker where their binaries and KVM are). The job's command reaches the guest
 * appended to its initrd; its exit code comes back on the console behind a per-job nonce, its stdout and stderr on
 * serial ports of their own (see {@link GuestJob}). Whatever ends a job (its exit, timeout, cancel, this component
 * stopping), its VMM is killed and its directory removed; a crashed node's leftovers go when the backend starts.
 *
 * <p>A configuration change re-creates the component; what the old instance ran is stopped and given back to the
 * queue by the agent, as for any backend that goes away.
 */
@Component(service = ExecutionBackend.class, configurationPid = VmExecutionBackend.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VmBackendConfig.class)
public final class VmExecutionBackend implements ExecutionBackend {
    static final String PID = "blixard.backend.vm";
    static final String TYPE = "vm";

    private static final Logger LOG = LoggerFactory.getLogger(VmExecutionBackend.class);
    private static final String DATA_DIR_PROPERTY = "blixard.data.dir";
    /** A VM booting its kernel needs at least this much; less ends in a kernel panic, not a clear error. */
    private static final int MIN_MEMORY_MB = 64;
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    private final VmBackendConfig config;
    private final Clock clock;
    private final PluginMetadata metadata;
    private final GuestImages images;
    private final RuntimeDirectory runtime;
    private final Kvm kvm;
    private final Map<String, VmmDriver> drivers = new LinkedHashMap<>();
    private final ExecutorService io;
    private final ScheduledExecutorService timers;
    private final VmExecution.Context context;
    private final ExecutionRegistry<VmExecution> executions = new ExecutionRegistry<>(TYPE);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<VmExecution> probe = new AtomicReference<>();
    private volatile boolean active = true;

    @Activate
    public VmExecutionBackend(VmBackendConfig config, BundleContext context) throws IOException {
        this(config, context.getBundle().getVersion().toString(),
                Optional.ofNullable(context.getProperty(DATA_DIR_PROPERTY)).filter(dir -> !dir.isBlank()).map(Path::of),
                Kvm.DEVICE, Clock.systemUTC());
    }

    /**
     * @param dataDirectory the node's data directory, under which the image and runtime directories are by
     *        default; empty outside a node
     * @param kvmDevice the KVM device to check (tests name a missing one)
     */
    VmExecutionBackend(VmBackendConfig config, String version, Optional<Path> dataDirectory, Path kvmDevice, Clock clock)
            throws IOException {
        this.config = config;
        this.clock = clock;
        this.metadata = new PluginMetadata(TYPE, version, "Blixard",
                "Runs each job in a microVM of its own (QEMU, Cloud Hypervisor or Firecracker): own kernel, memory and vCPUs, bounded output.");
        this.kvm = new Kvm(Kvm.Mode.fromName(config.kvm_mode()), kvmDevice);
        this.images = GuestImages.open(config.image_dir(), dataDirectory);
        this.runtime = RuntimeDirectory.open(runtimeRoot(config, dataDirectory));
        RuntimeDirectory.Leftovers leftovers = runtime.leftovers();
        if (leftovers.directories() > 0) {
            LOG.info("VM backend: removed {} VM directories an earlier run left in {}, killing its VMM processes {}",
                    leftovers.directories(), runtime.root(), leftovers.killed());
        }
        drivers.put(CloudHypervisorDriver.NAME, new CloudHypervisorDriver(config.cloud_hypervisor_binary(), kvm::problem, API_TIMEOUT));
        drivers.put(FirecrackerDriver.NAME, new FirecrackerDriver(config.firecracker_binary(), kvm::problem, API_TIMEOUT));
        drivers.put(QemuDriver.NAME, new QemuDriver(config.qemu_binary()));
        if (!"auto".equals(config.default_driver()) && !drivers.containsKey(config.default_driver())) {
            throw new IllegalArgumentException("default.driver must be auto or one of " + drivers.keySet() + ", was \""
                    + config.default_driver() + "\"");
        }
        this.io = Executors.newCachedThreadPool(threads("blixard-vm-io-", new AtomicInteger()));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("blixard-vm-timer", null));
        this.context = new VmExecution.Context(runtime, io, timers, config.output_max_bytes(),
                Duration.ofMillis(config.kill_grace_ms()), clock);
        if (kvm.needsProbe()) {
            io.execute(this::probeKvm);
        }
        LOG.info("VM backend active: {} slots, image directory {}, runtime directory {}, KVM {}, drivers {}",
                config.max_concurrent_vms(), images.directory().map(Path::toString).orElse("none"), runtime.root(),
                kvm.describe(), driverStates());
    }

    /**
     * The configured runtime directory, else DATA_DIR/run/vm, else (outside a node, or when the data directory's
     * path is too long for the VMs' sockets) a directory of the temp folder named after the data directory, so that
     * a restarted node finds its own leftovers.
     */
    private static Path runtimeRoot(VmBackendConfig config, Optional<Path> dataDirectory) {
        if (!config.runtime_dir().isBlank()) {
            return Path.of(config.runtime_dir());
        }
        Optional<Path> inData = dataDirectory.map(dir -> dir.resolve("run").resolve(TYPE));
        if (inData.isPresent() && RuntimeDirectory.fits(inData.get())) {
            return inData.get();
        }
        String owner = dataDirectory.map(dir -> dir.toAbsolutePath().toString()).orElse("no-node");
        return Path.of(System.getProperty("java.io.tmpdir"),
                "blixard-vm-" + Integer.toHexString(owner.hashCode()) + "-" + ProcessHandle.current().info().user().orElse("user"));
    }

    /**
     * Boots the default kernel and initrd once with KVM and a short deadline, in the background: only a guest that
     * ran its job and reported back proves KVM works. Until it has, VMs use software emulation.
     */
    private void probeKvm() {
        try {
            VmExecution.Plan plan = new VmExecution.Plan(drivers.get(QemuDriver.NAME),
                    images.resolve("kernel", config.default_kernel()),
                    Optional.of(images.resolve("initrd", config.default_initrd())), Optional.empty(), List.of("true"),
                    Map.of(), List.of(), 1, config.default_memory_mb(), true,
                    Duration.ofMillis(config.kvm_probe_timeout_ms()), Map.of());
            drivers.get(QemuDriver.NAME).unavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
            VmExecution execution = new VmExecution(new ExecutionHandle("kvm-probe-" + UUID.randomUUID(), TYPE,
                    "kvm-probe", 1, clock.instant()), plan, context, () -> { });
            probe.set(execution);
            if (!active) {
                return;
            }
            execution.run();
            ExecutionStatus result = execution.status();
            if (result.state() == ExecutionState.SUCCEEDED) {
                kvm.probed(true, "a probe boot finished in " + result.duration().map(Duration::toMillis).orElse(-1L) + " ms");
            } else {
                kvm.probed(false, "the probe boot failed: " + result.error().orElse(result.state().toString()));
            }
        } catch (IllegalArgumentException e) {
            kvm.probed(false, "no probe boot possible: " + e.getMessage());
        } finally {
            probe.set(null);
        }
        LOG.info("VM backend: KVM {}", kvm.describe());
    }

    /** Stops every VM this instance started, waits for them to end, and leaves no thread, process or directory behind. */
    @Deactivate
    void deactivate() {
        active = false;
        List<CompletableFuture<ExecutionStatus>> ending = new ArrayList<>();
        for (VmExecution execution : executions.all()) {
            if (execution.stop(ExecutionState.CANCELLED, "vm backend stopped while job " + execution.handle().jobId()
                    + " ran", true)) {
                ending.add(execution.completion());
            }
        }
        Optional.ofNullable(probe.get()).ifPresent(probing -> {
            probing.stop(ExecutionState.CANCELLED, "vm backend stopped during the KVM probe", false);
            ending.add(probing.completion());
        });
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(2 * config.kill_grace_ms() + 20_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("VM backend: not every VM ended while stopping: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("VM backend: I/O threads still running 10 s after stopping; interrupting them");
                io.shutdownNow();
            }
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            runtime.directories().forEach(runtime::remove);
        } catch (IOException | RuntimeException e) {
            LOG.warn("VM backend: its runtime directory {} could not be emptied: {}", runtime.root(), e.toString());
        }
        LOG.info("VM backend stopped; {} running VMs ended", ending.size());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public ExecutionHandle submit(Job job, ExecutionConfig executionConfig) throws ExecutionException {
        if (!active) {
            throw new ExecutionException("vm backend is stopping; job " + job.id() + " not started", true);
        }
        VmExecution.Plan plan;
        try {
            plan = plan(VmPayload.parse(job.payload()), executionConfig);
        } catch (IllegalArgumentException e) {
            throw new ExecutionException("job " + job.id() + " cannot run on the vm backend: " + e.getMessage(), false);
        }
        if (running.incrementAndGet() > config.max_concurrent_vms()) {
            running.decrementAndGet();
            throw new ExecutionException("vm backend is full (" + config.max_concurrent_vms() + " VMs running); job "
                    + job.id() + " not started", true);
        }
        ExecutionHandle handle = new ExecutionHandle(UUID.randomUUID().toString(), TYPE, job.id(),
                executionConfig.attempt(), clock.instant());
        VmExecution execution = new VmExecution(handle, plan, context, running::decrementAndGet);
        executions.add(execution);
        try {
            io.execute(execution::run);
        } catch (RejectedExecutionException e) {
            executions.forget(handle);
            running.decrementAndGet();
            throw new ExecutionException("vm backend is stopping; job " + job.id() + " not started", true);
        }
        LOG.debug("Job {} attempt {} runs as vm execution {} on {}", job.id(), executionConfig.attempt(),
                handle.executionId(), plan.driver().name());
        return handle;
    }

    /** Everything decided before anything boots; a job refused here leaves no trace. */
    private VmExecution.Plan plan(VmPayload payload, ExecutionConfig executionConfig) {
        VmmDriver driver = driver(payload.driver());
        Map<String, String> describe = new LinkedHashMap<>();
        String kernelName = payload.kernel().orElse(config.default_kernel());
        Path kernel = images.resolve("kernel", kernelName);
        describe.put("kernel", kernelName);
        Optional<Path> rootfs = payload.rootfs().map(name -> images.resolve("rootfs", name));
        payload.rootfs().ifPresent(name -> describe.put("rootfs", name));
        Optional<Path> initrd = Optional.empty();
        if (rootfs.isEmpty()) {
            String initrdName = payload.initrd().orElse(config.default_initrd());
            initrd = Optional.of(images.resolve("initrd", initrdName));
            describe.put("initrd", initrdName);
        }
        Resources granted = executionConfig.resources();
        int vcpus = payload.vcpus().orElse(granted.cpu() > 0 ? (int) Math.ceil(granted.cpu()) : config.default_vcpus());
        if (vcpus > config.max_vcpus()) {
            throw new IllegalArgumentException("\"vcpus\": " + vcpus + " is above this node's maximum of " + config.max_vcpus());
        }
        int memoryMb = payload.memoryMb().orElse(granted.memoryMb() > 0 ? (int) Math.min(Integer.MAX_VALUE, granted.memoryMb())
                : config.default_memory_mb());
        if (memoryMb < MIN_MEMORY_MB || memoryMb > config.max_memory_mb()) {
            throw new IllegalArgumentException("\"memory_mb\": " + memoryMb + " is outside this node's range of "
                    + MIN_MEMORY_MB + " to " + config.max_memory_mb() + " MiB");
        }
        Map<String, String> environment = new LinkedHashMap<>(executionConfig.environment());
        environment.putAll(payload.environment());
        Duration timeout = payload.timeoutMillis().map(Duration::ofMillis)
                .filter(own -> own.compareTo(executionConfig.timeout()) < 0).orElse(executionConfig.timeout());
        if (!payload.cmdline().isEmpty()) {
            describe.put("cmdline", String.join(" ", payload.cmdline()));
        }
        boolean useKvm = kvm.usable() || !QemuDriver.NAME.equals(driver.name());
        return new VmExecution.Plan(driver, kernel, initrd, rootfs, payload.command(), environment, payload.cmdline(),
                vcpus, memoryMb, useKvm, timeout, describe);
    }

    /** The driver a job names, or the default; never one that is unavailable. */
    private VmmDriver driver(Optional<String> asked) {
        String name = asked.orElse(config.default_driver());
        if ("auto".equals(name)) {
            return drivers.values().stream().filter(driver -> driver.unavailableReason().isEmpty()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no VMM driver is available on this node: " + driverStates()));
        }
        VmmDriver driver = drivers.get(name);
        if (driver == null) {
            throw new IllegalArgumentException("\"driver\": \"" + name + "\" is not a driver (known: auto, "
                    + String.join(", ", drivers.keySet()) + ")");
        }
        driver.unavailableReason().ifPresent(reason -> {
            throw new IllegalArgumentException("\"driver\": " + name + " is unavailable on this node: " + reason);
        });
        return driver;
    }


    @Override
    public ExecutionStatus status(ExecutionHandle handle) throws ExecutionException {
        return executions.find(handle).status();
    }

    @Override
    public void cancel(ExecutionHandle handle) throws ExecutionException {
        executions.find(handle).stop(ExecutionState.CANCELLED, "job " + handle.jobId() + " cancelled", false);
    }

    @Override
    public CompletionStage<ExecutionStatus> completion(ExecutionHandle handle) throws ExecutionException {
        return executions.completion(handle);
    }

    /** The host's CPUs and memory, the runtime directory's disk; minus what the running VMs were given. */
    @Override
    public ResourceInfo resourceInfo() {
        double cpus = 0;
        long memoryMb = 0;
        for (VmExecution execution : executions.all()) {
            if (!execution.completion().isDone()) {
                cpus += execution.vcpus();
                memoryMb += execution.memoryMb();
            }
        }
        Resources total = new Resources(Runtime.getRuntime().availableProcessors(), hostMemoryMb(), freeDiskMb());
        return new ResourceInfo(total, total.minus(new Resources(Math.min(cpus, total.cpu()), memoryMb, 0)),
                running.get(), config.max_concurrent_vms(), Map.of("vm.kvm", Boolean.toString(kvm.usable())));
    }

    private static long hostMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long freeDiskMb() {
        try {
            return Files.getFileStore(runtime.root()).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A job for the {@code vm} type is taken unless it names a driver this node cannot run (another node may);
     * a bad payload is taken and then fails with the reason. A job open to any worker is left to other backends.
     */
    @Override
    public boolean canHandle(Job job, ExecutionConfig executionConfig) {
        if (!active || !job.workerTypes().contains(TYPE)) {
            return false;
        }
        try {
            return VmPayload.parse(job.payload()).driver()
                    .map(name -> !drivers.containsKey(name) || drivers.get(name).unavailableReason().isEmpty())
                    .orElse(true);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    public BackendHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("slots", running.get() + " of " + config.max_concurrent_vms() + " busy");
        drivers.forEach((name, driver) -> details.put("driver." + name, driver.unavailableReason()
                .map(reason -> "unavailable: " + reason).orElse("available: " + driver.version())));
        details.put("driver.default", config.default_driver());
        details.put("kvm", kvm.describe());
        details.put("image_dir", images.directory().map(Path::toString).orElse("none"));
        details.put("runtime_dir", runtime.root().toString());
        details.put("limits", "vcpus <= " + config.max_vcpus() + ", memory_mb <= " + config.max_memory_mb());
        boolean anyDriver = drivers.values().stream().anyMatch(driver -> driver.unavailableReason().isEmpty());
        Health health;
        if (!active) {
            health = new Health(HealthState.DOWN, "vm backend stopping", details, clock.instant());
        } else if (!anyDriver) {
            health = new Health(HealthState.DOWN, "no VMM driver is available: " + driverStates(), details, clock.instant());
        } else if (images.directory().isEmpty()) {
            health = new Health(HealthState.DOWN, "no image directory: set image.dir", details, clock.instant());
        } else {
            health = new Health(HealthState.UP, details.get("slots") + "; KVM " + kvm.describe(), details, clock.instant());
        }
        return new BackendHealth(health, drivers.get(QemuDriver.NAME).version());
    }

    private String driverStates() {
        List<String> states = new ArrayList<>();
        drivers.forEach((name, driver) -> states.add(name + ": " + driver.unavailableReason().orElse("available")));
        return String.join("; ", states);
    }

    @Override
    public List<ExecutionHandle> executions() {
        return executions.handles();
    }

    @Override
    public int cleanup(Duration olderThan) {
        // A VM's directory goes when its job ends; only the answers are left to forget.
        return executions.forgetEndedBefore(clock.instant().minus(olderThan)).size();
    }

    @Override
    public ExecutionMetadata metadata(ExecutionHandle handle) throws ExecutionException {
        VmExecution execution = executions.find(handle);
        return new ExecutionMetadata(handle, execution.status().state(), execution.attributes());
    }

    /** Daemon threads named {@code name}, numbered when a counter is given. */
    private static ThreadFactory threads(String name, AtomicInteger counter) {
        return runnable -> {
            Thread thread = new Thread(runnable, counter == null ? name : name + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
