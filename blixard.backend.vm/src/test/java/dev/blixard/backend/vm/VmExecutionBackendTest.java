package dev.blixard.backend.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blixard.api.backend.ExecutionConfig;
import dev.blixard.api.backend.ExecutionException;
import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionState;
import dev.blixard.api.backend.ExecutionStatus;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.job.Resources;
import dev.blixard.testing.ConfigProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code vm} backend booting the real test guest (scripts/build-vm-guest.sh) on QEMU with software emulation
 * (TCG; this machine's /dev/kvm hangs boots): a command's exit code, stdout, stderr and console come back, a
 * non-zero exit fails the job, a timeout, a cancel and the component stopping kill the VM, two VMs run at once,
 * and nothing (no QEMU process carrying the execution's id, no file) outlives a job. VMs that can run at the same
 * time are started together to keep the suite short.
 */
public class VmExecutionBackendTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Rule
    public final TemporaryFolder temporary = new TemporaryFolder();

    private final List<VmExecutionBackend> backends = new ArrayList<>();
    private Path runtimeRoot;

    @BeforeClass
    public static void tempFolderOfTheTests() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Before
    public void runtimeRoot() throws IOException {
        runtimeRoot = temporary.newFolder("run").toPath();
    }

    @After
    public void stopBackends() {
        backends.forEach(VmExecutionBackend::deactivate);
    }

    @Test
    public void twoVmsRunAtOnceAndTheirExitCodesAndOutputComeBack() throws Exception {
        VmExecutionBackend backend = backend(Map.of());
        ExecutionHandle succeeding = submit(backend, "{\"command\": \"echo hello $GREETING from $BLIXARD_JOB_ID; "
                + "echo to stderr >&2; sleep 2\", \"env\": {\"GREETING\": \"hi\"}}");
        ExecutionHandle failing = submit(backend, "{\"command\": [\"/bin/sh\", \"-c\", \"echo 'BLIXARD fake exit 0'; "
                + "echo failing >&2; sleep 2; exit 3\"], \"memory_mb\": 192}");
        await("both VMs' QEMU processes running at once", () -> stillRunning(backend, succeeding)
                && stillRunning(backend, failing) && vmProcesses(succeeding).size() == 1 && vmProcesses(failing).size() == 1);

        ExecutionStatus ok = await(backend, succeeding);
        assertEquals(ok.toString(), ExecutionState.SUCCEEDED, ok.state());
        assertEquals(Optional.of(0), ok.exitCode());
        assertEquals("hello hi from " + succeeding.jobId() + "\n", ok.stdout());
        assertEquals("to stderr\n", ok.stderr());
        JsonNode output = JSON.readTree(ok.output().orElseThrow());
        assertEquals("qemu", output.path("driver").asText());
        assertEquals("tcg", output.path("accelerator").asText());
        assertTrue(output.toString(), output.path("boot_ms").asLong() > 0);
        assertTrue(output.toString(), output.path("run_ms").asLong() >= 2000);
        assertTrue(output.toString(), output.path("console").asText().contains(" started"));
        assertFalse(output.path("console_truncated").asBoolean());
        assertTrue("the VMM's peak memory: " + ok.usage(), ok.usage().maxRssBytes() > 64L * 1024 * 1024);

        ExecutionStatus failed = await(backend, failing);
        assertEquals(failed.toString(), ExecutionState.FAILED, failed.state());
        assertEquals(Optional.of(3), failed.exitCode());
        assertEquals("a line that looks like a marker (without the nonce) is just output", "BLIXARD fake exit 0\n",
                failed.stdout());
        assertEquals("failing\n", failed.stderr());
        assertTrue(failed.error().orElseThrow(), failed.error().orElseThrow().endsWith("exited with code 3 in its VM"));
        assertEquals(192, JSON.readTree(failed.output().orElseThrow()).path("memory_mb").asInt());

        assertNothingLeft(backend, succeeding);
        assertNothingLeft(backend, failing);
        assertEquals(List.of(), runtime());
        assertEquals(0, backend.resourceInfo().runningExecutions());
    }

    @Test
    public void aTimeoutACancelAndTheComponentStoppingKillTheVm() throws Exception {
        VmExecutionBackend backend = backend(Map.of());
        ExecutionHandle timingOut = submit(backend, "{\"command\": \"sleep 600\", \"timeout_ms\": 12000}");
        ExecutionHandle cancelled = submit(backend, "{\"command\": \"sleep 600\"}");
        // A runtime directory of its own: a backend starting on another's would clean its VMs up as leftovers.
        VmExecutionBackend stopping = backend(Map.of("runtime_dir", temporary.newFolder("run-2").toString()));
        ExecutionHandle abandoned = submit(stopping, "{\"command\": \"sleep 600\"}");
        await("the VMs running", () -> stillRunning(backend, cancelled) && stillRunning(stopping, abandoned)
                && status(backend, cancelled).state() == ExecutionState.RUNNING
                && status(stopping, abandoned).state() == ExecutionState.RUNNING);

        backend.cancel(cancelled);
        stopping.deactivate();
        backends.remove(stopping);

        ExecutionStatus stopped = stopping.awaitCompletion(abandoned, Duration.ZERO.plusMillis(1));
        assertEquals(stopped.toString(), ExecutionState.CANCELLED, stopped.state());
        assertTrue("given back to the queue", stopped.retryable());
        assertNothingLeft(stopping, abandoned);
        assertEquals(List.of(), Files.list(temporary.getRoot().toPath().resolve("run-2")).toList());
        ExecutionStatus cancel = await(backend, cancelled);
        assertEquals(cancel.toString(), ExecutionState.CANCELLED, cancel.state());
        assertEquals("job " + cancelled.jobId() + " cancelled", cancel.error().orElseThrow());
        assertNothingLeft(backend, cancelled);
        ExecutionStatus timeout = await(backend, timingOut);
        assertEquals(timeout.toString(), ExecutionState.TIMED_OUT, timeout.state());
        assertEquals("job " + timingOut.jobId() + " timed out after 12000 ms", timeout.error().orElseThrow());
        assertTrue(timeout.duration().orElseThrow().toMillis() < 12000 + 3000 + 5000);
        assertNothingLeft(backend, timingOut);
        assertEquals(List.of(), runtime());
    }

    @Test
    public void badPayloadsAreRefusedNamingTheFieldBeforeAnythingBoots() throws Exception {
        VmExecutionBackend backend = backend(Map.of());
        Path outside = temporary.newFile("outside").toPath();
        Path images = temporary.getRoot().toPath().resolve("images");
        Files.createSymbolicLink(images.resolve("escape"), outside);
        assertRefused(backend, "{\"env\": {}}", "\"command\" is required");
        assertRefused(backend, "{\"command\": \"true\", \"kernel\": \"../outside\"}", "\"kernel\"");
        assertRefused(backend, "{\"command\": \"true\", \"initrd\": \"/etc/passwd\"}", "\"initrd\"");
        assertRefused(backend, "{\"command\": \"true\", \"initrd\": \"escape\"}", "leads outside the image directory");
        assertRefused(backend, "{\"command\": \"true\", \"cmdline\": \"init=/bin/sh\"}", "\"cmdline\": \"init\" is set by the backend");
        assertRefused(backend, "{\"command\": \"true\", \"cmdline\": \"a -- b\"}", "\"cmdline\": \"--\"");
        assertRefused(backend, "{\"command\": \"true\", \"vcpus\": 64}", "\"vcpus\": 64 is above");
        assertRefused(backend, "{\"command\": \"true\", \"memory_mb\": 16}", "\"memory_mb\": 16 is outside");
        assertRefused(backend, "{\"command\": \"true\", \"driver\": \"vmware\"}", "\"driver\": \"vmware\" is not a driver");
        assertRefused(backend, "{\"command\": \"true\", \"driver\": \"firecracker\"}", "\"driver\": firecracker is unavailable");
        assertRefused(backend, "{\"command\": \"true\", \"timeout_ms\": -1, \"colour\": 1}", "\"timeout_ms\"");
        assertEquals(List.of(), runtime());
    }

    @Test
    public void healthShowsTheDriversAndKvmAsFound() throws Exception {
        VmExecutionBackend backend = backend(Map.of("kvm_mode", "auto"), temporary.getRoot().toPath().resolve("no-kvm"));
        Map<String, String> details = backend.health().health().details();
        assertTrue(details.toString(), details.get("driver.qemu").startsWith("available: QEMU emulator version"));
        assertTrue(details.toString(), details.get("driver.firecracker").startsWith("unavailable: "));
        assertTrue(details.toString(), details.get("driver.cloud-hypervisor").startsWith("unavailable: "));
        assertTrue(details.toString(), details.get("kvm").startsWith("unusable: no "));
        assertTrue(backend.health().canRunJobs());
    }

    @Test
    public void activationKillsOnlyTheVmmsAnEarlierRunLeftBehindAndRemovesTheirDirectories() throws Exception {
        Path ours = Files.createDirectories(runtimeRoot.resolve("0badc0de"));
        Path strangers = Files.createDirectories(runtimeRoot.resolve("0000beef"));
        // A left-behind "VMM": its command line names its directory, as a real VMM's does (sockets, initrd).
        Files.writeString(ours.resolve("vmm.log"), "");
        Process leftover = new ProcessBuilder("tail", "-f", ours.resolve("vmm.log").toString()).start();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            await("the left-behind process running", () -> RuntimeDirectory.startTime(leftover.pid()).isPresent());
            RuntimeDirectory.recordVmm(ours, leftover.pid());
            // The stranger's pid, but not its start time: a pid reused since the crash.
            Files.writeString(strangers.resolve(RuntimeDirectory.PID_FILE), stranger.pid() + " 1\n");

            backend(Map.of());

            assertFalse("our VMM killed", leftover.isAlive());
            assertTrue("a process that is not verifiably ours is left alone", stranger.isAlive());
            assertEquals(List.of(), runtime());
        } finally {
            leftover.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    private VmExecutionBackend backend(Map<String, Object> settings) throws IOException {
        return backend(settings, Kvm.DEVICE);
    }

    private VmExecutionBackend backend(Map<String, Object> settings, Path kvmDevice) throws IOException {
        Path images = temporary.getRoot().toPath().resolve("images");
        if (!Files.exists(images)) {
            Files.createDirectories(images);
            // Copies: a link leading out of the image directory is refused, as a job's would be.
            Files.copy(TestGuest.directory().resolve("vmlinux"), images.resolve("vmlinux"));
            Files.copy(TestGuest.directory().resolve("initrd.img"), images.resolve("initrd.img"));
        }
        Map<String, Object> all = new HashMap<>(Map.of("image_dir", images.toString(), "runtime_dir", runtimeRoot.toString(),
                "kvm_mode", "never", "kill_grace_ms", 2000L));
        all.putAll(settings);
        VmExecutionBackend backend = new VmExecutionBackend(ConfigProxy.of(VmBackendConfig.class, all), "test",
                Optional.empty(), kvmDevice, Clock.systemUTC());
        backends.add(backend);
        return backend;
    }

    private static void assertNothingLeft(VmExecutionBackend backend, ExecutionHandle handle) throws Exception {
        assertEquals("QEMU processes of execution " + handle.executionId(), List.of(), vmProcesses(handle));
        String directory = backend.metadata(handle).attributes().get("directory");
        assertFalse("the VM's directory " + directory + " is left", Files.exists(Path.of(directory)));
    }

    private List<Path> runtime() throws IOException {
        try (Stream<Path> entries = Files.list(runtimeRoot)) {
            return entries.toList();
        }
    }

    private static List<Long> vmProcesses(ExecutionHandle handle) {
        try {
            return TestGuest.processesWith("blixard-" + handle.executionId());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRefused(VmExecutionBackend backend, String payload, String expected) {
        try {
            ExecutionHandle handle = submit(backend, payload);
            fail("started " + handle + " for " + payload);
        } catch (ExecutionException e) {
            assertFalse(e.getMessage(), e.retryable());
            assertTrue("expected \"" + expected + "\" in: " + e.getMessage(), e.getMessage().contains(expected));
        }
    }

    static ExecutionHandle submit(VmExecutionBackend backend, String payload) throws ExecutionException {
        String id = "job-" + System.nanoTime();
        Job job = Job.builder(id, JobSubmission.builder(payload).workerTypes(List.of("vm")).build(), Instant.now()).build();
        return backend.submit(job, new ExecutionConfig(1, Duration.ofMinutes(5), Resources.NONE,
                Map.of("BLIXARD_JOB_ID", id)));
    }

    static ExecutionStatus await(VmExecutionBackend backend, ExecutionHandle handle) throws Exception {
        return backend.awaitCompletion(handle, WAIT);
    }

    private static ExecutionStatus status(VmExecutionBackend backend, ExecutionHandle handle) {
        try {
            return backend.status(handle);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** @return true while the execution has not ended; fails the test with its status once it has */
    private static boolean stillRunning(VmExecutionBackend backend, ExecutionHandle handle) {
        ExecutionStatus status = status(backend, handle);
        if (status.state().isFinal()) {
            fail("ended too early: " + status + "\n" + status.output().orElse(""));
        }
        return true;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
