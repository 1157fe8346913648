package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code vm} backend in the node's real bundle set, pointed through Config Admin at the test guest that
 * scripts/build-vm-guest.sh builds (Debian's kernel, a busybox initrd), booting it on QEMU with software
 * emulation: jobs submitted through the queue run in VMs of their own, two at once, their exit codes and output
 * come back in the results; stopping the backend's bundle while a VM runs gives the job back to the queue without
 * counting an attempt and leaves no QEMU process and no VM directory, and the job completes once the bundle is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VmBackendTest extends BackendBundleTestSupport {

    private static final long VM_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(120);

    @Override
    protected String backendType() {
        return "vm";
    }

    @Before
    public void pointTheBackendAtTheTestGuest() throws IOException {
        Path guest = Path.of(System.getProperty("blixard.vm.guest", ""));
        if (!Files.isRegularFile(guest.resolve("vmlinux")) || !Files.isRegularFile(guest.resolve("initrd.img"))) {
            fail("the VM test guest is missing in " + guest + ": build it with scripts/build-vm-guest.sh");
        }
        Configuration configuration = awaitService(ConfigurationAdmin.class).getConfiguration("blixard.backend.vm", "?");
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("image.dir", guest.toString());
        // This machine's /dev/kvm hangs boots: no probe, software emulation.
        settings.put("kvm.mode", "never");
        settings.put("kill.grace.ms", 2000L);
        configuration.update(settings);
        Poll.until(SERVICE_TIMEOUT_MS, () -> imageDirectoryOfTheBackend(), guest.toRealPath().toString()::equals);
        awaitBackendWorker();
    }

    @Test
    public void jobsRunInTheirOwnVmsTwoAtOnceAndTheirExitCodesAndOutputComeBack() {
        String succeeding = commands.submit(JobSubmission.builder("{\"command\": \"echo hello from $BLIXARD_JOB_ID; sleep 1\"}")
                .workerTypes("vm").maxAttempts(1).build()).jobId();
        String failing = commands.submit(JobSubmission.builder("{\"command\": [\"/bin/sh\", \"-c\", \"echo oops >&2; exit 5\"]}")
                .workerTypes("vm").maxAttempts(1).build()).jobId();

        Job ok = awaitVmJob(succeeding, JobStatus.COMPLETED);
        String result = ok.result().orElseThrow();
        assertTrue(result, result.contains("\"stdout\":\"hello from " + succeeding + "\\n\""));
        assertTrue(result, result.contains("\"exit_code\":0"));
        assertTrue(result, result.contains("\"driver\":\"qemu\""));
        assertTrue(result, result.contains("\"boot_ms\":"));
        Job failed = awaitVmJob(failing, JobStatus.FAILED);
        String failure = failed.result().orElseThrow();
        assertTrue(failure, failure.contains("\"stderr\":\"oops\\n\""));
        assertTrue(failure, failure.contains("\"exit_code\":5"));
        assertTrue(failed.error().orElse(""), failed.error().orElse("").contains("exited with code 5 in its VM"));
        assertEquals(List.of(), vmDirectories());
    }

    @Test
    public void stoppingTheBundleMidJobGivesTheJobBackAndLeavesNoVmAndItCompletesAfterTheRestart() throws Exception {
        String id = commands.submit(JobSubmission.builder("{\"command\": \"if [ \\\"$BLIXARD_ATTEMPT\\\" = 1 ]; "
                + "then sleep 600; fi; echo attempt $BLIXARD_ATTEMPT\"}").workerTypes("vm").maxAttempts(1).build()).jobId();
        awaitVmJob(id, JobStatus.IN_PROGRESS);
        Poll.until(VM_TIMEOUT_MS, this::qemuProcessesOfTheNode, pids -> !pids.isEmpty());

        Bundle vm = backendBundle();
        vm.stop();
        assertEquals("QEMU processes of this node after the bundle stopped", List.of(), qemuProcessesOfTheNode());
        assertEquals(List.of(), vmDirectories());
        Job released = awaitVmJob(id, JobStatus.PENDING);
        List<JobAttempt> attempts = released.attempts();
        assertEquals(released.toString(), AttemptOutcome.RELEASED, attempts.get(attempts.size() - 1).outcome());

        vm.start();
        Job completed = awaitVmJob(id, JobStatus.COMPLETED);
        assertTrue(completed.result().orElseThrow(), completed.result().orElseThrow().contains("attempt 2"));
        assertEquals(List.of(), qemuProcessesOfTheNode());
    }

    private Job awaitVmJob(String id, JobStatus status) {
        Job job = Poll.until(VM_TIMEOUT_MS, () -> queries.get(id, dev.blixard.api.service.ReadConsistency.LOCAL).orElseThrow(),
                current -> current.status() == status);
        assertEquals(job.toString(), status, job.status());
        return job;
    }

    private String imageDirectoryOfTheBackend() {
        try {
            for (ServiceReference<ExecutionBackend> reference : bundleContext.getServiceReferences(ExecutionBackend.class, null)) {
                ExecutionBackend backend = bundleContext.getService(reference);
                try {
                    if (backend != null && "vm".equals(backend.type())) {
                        return backend.health().health().details().getOrDefault("image_dir", "");
                    }
                } finally {
                    bundleContext.ungetService(reference);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return "";
    }

    /** The node's VM directories: DATA_DIR/run/vm/* (the backend's default runtime directory). */
    private List<Path> vmDirectories() {
        Path runtime = Path.of(bundleContext.getProperty("blixard.data.dir"), "run", "vm");
        try (Stream<Path> entries = Files.list(runtime)) {
            return entries.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Live QEMU processes booting a VM of this node: their command line names its runtime directory. */
    private List<Long> qemuProcessesOfTheNode() {
        String runtime = Path.of(bundleContext.getProperty("blixard.data.dir"), "run", "vm").toAbsolutePath().normalize().toString();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(path -> path.getFileName().toString().matches("[0-9]+"))
                    .filter(path -> {
                        String commandLine = read(path.resolve("cmdline"));
                        String stat = read(path.resolve("stat"));
                        boolean zombie = !stat.isEmpty() && "ZX".indexOf(stat.charAt(stat.lastIndexOf(')') + 2)) >= 0;
                        return commandLine.contains("qemu") && commandLine.contains("-name\0blixard-")
                                && commandLine.contains(runtime) && !zombie;
                    })
                    .map(path -> Long.parseLong(path.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
