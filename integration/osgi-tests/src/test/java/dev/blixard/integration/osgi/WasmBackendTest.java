package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.job.AttemptOutcome;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobAttempt;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.JobSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The {@code wasm} backend in the node's real bundle set, with the engine's native library loaded through the
 * bundle's {@code Bundle-NativeCode}: a job submitted through the queue runs a WASI program (wasi_demo.c, built
 * by scripts/build-test-wasm.sh) from the node's module directory and its output comes back in the result;
 * stopping the backend's bundle while a module spins gives the job back to the queue without counting an
 * attempt, and the job completes once the bundle is back (the program behaves differently on its second
 * attempt, which it learns from {@code BLIXARD_ATTEMPT}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WasmBackendTest extends BackendBundleTestSupport {

    @Override
    protected String backendType() {
        return "wasm";
    }

    @Test
    public void aWasmJobRunsFromTheModuleDirectoryAndItsOutputComesBack() throws IOException {
        Path modules = Path.of(bundleContext.getProperty("blixard.data.dir"), "wasm", "modules");
        Files.copy(testModule(), modules.resolve("wasi_demo.wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String id = commands.submit(JobSubmission.builder("{\"module\": \"wasi_demo.wasm\", \"args\": [\"from the queue\"],"
                + " \"env\": {\"GREETING\": \"hi\"}, \"stdin\": \"piped\"}").workerTypes("wasm").maxAttempts(1).build()).jobId();
        Job job = awaitStatus(id, JobStatus.COMPLETED);
        String result = job.result().orElseThrow();
        assertTrue(result, result.contains("args: [from the queue]\\nGREETING=hi\\nBLIXARD_ATTEMPT=1\\n"
                + "stdin: 5 bytes: piped\\nfile: written in /work by wasi_demo\\n"));
        assertTrue(result, result.contains("\"stderr\":\"wasi_demo exits with 0\\n\""));
        assertTrue(result, result.contains("\"exit_code\":0"));
        assertEquals("no file of the run is left (its emptied directory is kept for the next run)", List.of(),
                filesUnder(Path.of(bundleContext.getProperty("blixard.data.dir"), "work", "wasm")));
    }

    @Test
    public void stoppingTheBundleMidRunGivesTheJobBackAndItCompletesAfterTheRestart() throws Exception {
        String module = Base64.getEncoder().encodeToString(Files.readAllBytes(testModule()));
        String id = commands.submit(JobSubmission.builder("{\"module_base64\": \"" + module + "\", \"args\": [\"spin-first\"],"
                + " \"timeout_ms\": 600000}").workerTypes("wasm").maxAttempts(1).build()).jobId();
        awaitStatus(id, JobStatus.IN_PROGRESS);
        List<Path> engineFilesBefore = engineFilesInTemp();

        Bundle wasm = backendBundle();
        long stopping = System.nanoTime();
        wasm.stop();
        assertTrue("the bundle stopped promptly", System.nanoTime() - stopping < TimeUnit.SECONDS.toNanos(10));
        Job released = awaitStatus(id, JobStatus.PENDING);
        List<JobAttempt> attempts = released.attempts();
        assertEquals(released.toString(), AttemptOutcome.RELEASED, attempts.get(attempts.size() - 1).outcome());

        wasm.start();
        Job completed = awaitStatus(id, JobStatus.COMPLETED);
        assertTrue(completed.result().orElseThrow(), completed.result().orElseThrow().contains("attempt 2"));
        List<JobAttempt> all = completed.attempts();
        assertEquals(AttemptOutcome.COMPLETED, all.get(all.size() - 1).outcome());
        assertTrue("max_attempts 1 was enough: the released attempt did not count", all.size() >= 2);
        assertEquals("the engine's files in the temp folder after a bundle restart", engineFilesBefore,
                engineFilesInTemp());
    }

    /** What wasmtime-java would have copied to the temp folder had its library not come from the bundle. */
    private static List<Path> engineFilesInTemp() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().contains("wasmtime")).sorted().toList();
        }
    }


    private static Path testModule() {
        return Path.of(System.getProperty("blixard.wasm.testModules"), "wasi_demo.wasm");
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> entries = Files.walk(directory)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }
}
