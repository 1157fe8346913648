package dev.blixard.backend.wasm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The wasm backend on the real engine: typed calls, WASI commands, exits, traps, the time, memory and fuel
 * limits, cancel, the module cache, the module directory, bad payloads, and stopping the backend mid-run.
 * Modules are written inline in the text format.
 */
public class WasmExecutionBackendTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    static final String ARITHMETIC = "(module"
            + " (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))"
            + " (func (export \"mul64\") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))"
            + " (func (export \"div\") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1))))";

    /** A WASI command: writes "hello", then its argument and environment buffers as they are (NUL-separated). */
    static final String HELLO = "(module"
            + " (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))"
            + " (import \"wasi_snapshot_preview1\" \"args_sizes_get\" (func $args_sizes (param i32 i32) (result i32)))"
            + " (import \"wasi_snapshot_preview1\" \"args_get\" (func $args_get (param i32 i32) (result i32)))"
            + " (import \"wasi_snapshot_preview1\" \"environ_sizes_get\" (func $env_sizes (param i32 i32) (result i32)))"
            + " (import \"wasi_snapshot_preview1\" \"environ_get\" (func $env_get (param i32 i32) (result i32)))"
            + " (memory (export \"memory\") 1)"
            + " (data (i32.const 16) \"hello\\n\")"
            + " (func $write (param $at i32) (param $length i32)"
            + "   (i32.store (i32.const 0) (local.get $at)) (i32.store (i32.const 4) (local.get $length))"
            + "   (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))"
            + " (func (export \"_start\")"
            + "   (call $write (i32.const 16) (i32.const 6))"
            + "   (drop (call $args_sizes (i32.const 32) (i32.const 36)))"
            + "   (drop (call $args_get (i32.const 1024) (i32.const 4096)))"
            + "   (call $write (i32.const 4096) (i32.load (i32.const 36)))"
            + "   (drop (call $env_sizes (i32.const 40) (i32.const 44)))"
            + "   (drop (call $env_get (i32.const 2048) (i32.const 8192)))"
            + "   (call $write (i32.const 8192) (i32.load (i32.const 44)))))";

    static final String EXIT_3 = "(module (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
            + " (memory (export \"memory\") 1) (func (export \"_start\") (call $exit (i32.const 3))))";

    static final String LOOP = "(module (func (export \"_start\") (loop br 0)))";

    /** Grows its memory (1 page to start) by the pages it is given. */
    static final String GROW = "(module (memory 1) (func (export \"grow\") (param i32) (result i32)"
            + " (memory.grow (local.get 0))))";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<WasmExecutionBackend> backends = new ArrayList<>();
    private Path workRoot;
    private Path moduleDir;

    @BeforeClass
    public static void privateTempFolder() throws IOException {
        Wat.createTempFolder();
    }

    @Before
    public void directories() throws IOException {
        workRoot = folder.newFolder("work").toPath();
        moduleDir = folder.newFolder("modules").toPath();
    }

    @After
    public void stopBackends() {
        backends.forEach(WasmExecutionBackend::deactivate);
    }

    @Test
    public void exportedFunctionsAreCalledWithTypedArgumentsAndResults() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        assertEquals("[5]", results(run(backend, call(ARITHMETIC, "add", "[2, 3]"))));
        assertEquals("i32 takes the unsigned range too", "[-2]", results(run(backend, call(ARITHMETIC, "add", "[4294967295, 4294967295]"))));
        assertEquals("[12884901888]", results(run(backend, call(ARITHMETIC, "mul64", "[4294967296, 3]"))));
        assertEquals("[0.125]", results(run(backend, call(ARITHMETIC, "div", "[1, 8]"))));
        assertEquals("[\"Infinity\"]", results(run(backend, call(ARITHMETIC, "div", "[1, 0]"))));
        assertEquals("[\"NaN\"]", results(run(backend, call(ARITHMETIC, "div", "[\"NaN\", 2.5]"))));
    }

    @Test
    public void argumentsThatDoNotFitTheSignatureFailTheJobNamingEveryProblem() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionStatus status = run(backend, call(ARITHMETIC, "add", "[1.5]"));
        assertEquals(ExecutionState.FAILED, status.state());
        assertFalse("a job's own fault is not retried", status.retryable());
        assertContains(status.error().orElseThrow(), "takes 2 arguments, the job gives 1");
        assertContains(status.error().orElseThrow(), "argument 1 of add must be an i32");
        status = run(backend, call(ARITHMETIC, "sub", "[]"));
        assertContains(status.error().orElseThrow(), "exports no function sub (it exports: add, div, mul64)");
    }

    @Test
    public void aWasiCommandWritesStdoutAndSeesItsArgumentsAndEnvironment() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ObjectNode payload = wat(HELLO);
        payload.putArray("args").add("first").add("second arg");
        payload.putObject("env").put("GREETING", "hi there");
        ExecutionStatus status = run(backend, payload.toString());
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals(Optional.of(0), status.exitCode());
        String[] lines = status.stdout().replace('\0', '|').split("\n");
        assertEquals("hello", lines[0]);
        assertEquals("module.wat|first|second arg|", lines[1].substring(0, lines[1].indexOf("BLIXARD")));
        assertContains(lines[1], "BLIXARD_JOB_ID=job-1|");
        assertContains(lines[1], "GREETING=hi there|");
        assertEquals("", status.stderr());
        assertEquals("every execution directory is emptied", List.of(), leftBehind());
    }

    @Test
    public void aWasiProgramInCSeesItsArgumentsEnvironmentStdinAndDirectory() throws Exception {
        // src/test/wasm/wasi_demo.c, built by scripts/build-test-wasm.sh.
        Files.copy(testModule("wasi_demo.wasm"), moduleDir.resolve("wasi_demo.wasm"));
        WasmExecutionBackend backend = backend(Map.of());
        ObjectNode payload = JSON.createObjectNode().put("module", "wasi_demo.wasm").put("stdin", "lines\nfrom stdin");
        payload.putArray("args").add("one").add("two words").add("exit=3");
        payload.putObject("env").put("GREETING", "hello from the payload");
        ExecutionStatus status = run(backend, payload.toString());
        assertEquals(status + status.stdout(), ExecutionState.FAILED, status.state());
        assertEquals(status + status.stdout(), Optional.of(3), status.exitCode());
        assertEquals("args: [one] [two words]\n"
                + "GREETING=hello from the payload\n"
                + "BLIXARD_ATTEMPT=1\n"
                + "stdin: 16 bytes: lines\nfrom stdin\n"
                + "file: written in /work by wasi_demo\n", status.stdout());
        assertEquals("wasi_demo exits with 3\n", status.stderr());
        assertContains(status.error().orElseThrow(), "exited with code 3");

        payload.putArray("args").add("again");
        status = run(backend, payload.toString());
        assertEquals(ExecutionState.SUCCEEDED, status.state());
        assertEquals(Optional.of(0), status.exitCode());
        assertEquals("hit", JSON.readTree(status.output().orElseThrow()).path("cache").asText());
        assertEquals("the file the program wrote is gone", List.of(), leftBehind());
    }

    @Test
    public void aProgramCanBehaveDifferentlyOnALaterAttempt() throws Exception {
        Files.copy(testModule("wasi_demo.wasm"), moduleDir.resolve("wasi_demo.wasm"));
        WasmExecutionBackend backend = backend(Map.of());
        String payload = "{\"module\": \"wasi_demo.wasm\", \"args\": [\"spin-first\"], \"timeout_ms\": 200}";
        assertEquals(ExecutionState.TIMED_OUT, run(backend, payload).state());
        ExecutionStatus second = await(backend, backend.submit(job(payload),
                new ExecutionConfig(2, Duration.ofMinutes(1), Resources.NONE, Map.of("BLIXARD_ATTEMPT", "2"))));
        assertEquals(ExecutionState.SUCCEEDED, second.state());
        assertEquals("attempt 2\n", second.stdout());
    }

    @Test
    public void aNonZeroExitFailsTheExecution() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), wat(EXIT_3).toString());
        assertEquals(ExecutionState.FAILED, status.state());
        assertEquals(Optional.of(3), status.exitCode());
        assertContains(status.error().orElseThrow(), "exited with code 3");
    }

    @Test
    public void aTrapFailsTheExecutionNamingTheTrap() throws Exception {
        ExecutionStatus status = run(backend(Map.of()), wat("(module (func (export \"_start\") unreachable))").toString());
        assertEquals(ExecutionState.FAILED, status.state());
        assertContains(status.error().orElseThrow(), "the module trapped: unreachable code reached");
        status = run(backend(Map.of()), call(ARITHMETIC.replace("i32.add", "i32.div_s"), "add", "[1, 0]"));
        assertContains(status.error().orElseThrow(), "integer division by zero");
    }

    @Test
    public void instrumentedModulesKeepTheirCallsTablesGlobalsAndStartFunction() throws Exception {
        // Calls between functions, an indirect call through a table filled by an element segment, ref.func in a
        // global's initializer, and a start function: the indices the instrumentation shifts must still match.
        String module = "(module"
                + " (import \"wasi_snapshot_preview1\" \"sched_yield\" (func $yield (result i32)))"
                + " (memory (export \"memory\") 1) (type $binary (func (param i32 i32) (result i32)))"
                + " (table 2 funcref) (elem (i32.const 0) $add $sub) (elem declare func $sub)"
                + " (global $started (mut i32) (i32.const 0)) (global $f funcref (ref.func $sub))"
                + " (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))"
                + " (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))"
                + " (func $init (global.set $started (i32.const 40)))"
                + " (start $init)"
                + " (func (export \"go\") (param i32) (result i32)"
                + "   (drop (call $yield))"
                + "   (i32.add (global.get $started)"
                + "     (call_indirect (type $binary) (i32.const 5) (i32.const 3) (local.get 0)))))";
        WasmExecutionBackend backend = backend(Map.of());
        assertEquals("start ran, then add through the table", "[48]", results(run(backend, call(module, "go", "[0]"))));
        assertEquals("[42]", results(run(backend, call(module, "go", "[1]"))));
    }

    @Test
    public void outputBeyondTheCapKeepsItsStartAndEndAndIsFlagged() throws Exception {
        // Writes the 26 letters and a newline 1,000 times from one buffer: 27,000 bytes.
        String module = "(module"
                + " (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))"
                + " (memory (export \"memory\") 1) (data (i32.const 8) \"\\00\\00\\00\\00\\1b\\00\\00\\00\")"
                + " (data (i32.const 64) \"abcdefghijklmnopqrstuvwxyz\\n\")"
                + " (func (export \"_start\") (local i32)"
                + "   (i32.store (i32.const 8) (i32.const 64))"
                + "   (loop (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))"
                + "     (local.set 0 (i32.add (local.get 0) (i32.const 1)))"
                + "     (br_if 0 (i32.lt_u (local.get 0) (i32.const 1000))))))";
        ExecutionStatus status = run(backend(Map.of("output_max_bytes", 270)), wat(module).toString());
        assertTrue(status.stdoutTruncated());
        assertTrue(status.stdout(), status.stdout().startsWith("abcdefghijklmnopqrstuvwxyz\nabc"));
        assertTrue(status.stdout(), status.stdout().endsWith("uvwxyz\n"));
        assertContains(status.stdout(), "[... 26730 bytes left out by the output cap ...]");
        assertFalse(status.stderrTruncated());
    }

    @Test
    public void finishedExecutionsAreListedDescribedAndCleanedUp() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionHandle handle = submit(backend, call(ARITHMETIC, "add", "[1, 2]"));
        await(backend, handle);
        assertEquals(List.of(handle), backend.executions());
        Map<String, String> attributes = backend.metadata(handle).attributes();
        assertEquals("add", attributes.get("function"));
        assertEquals("unlimited", attributes.get("fuel"));
        assertEquals(0, backend.cleanup(Duration.ofHours(1)));
        Thread.sleep(5);
        assertEquals(1, backend.cleanup(Duration.ZERO));
        assertEquals(List.of(), backend.executions());
        assertFalse(backend.canHandle(job("{\"command\": [\"true\"]}", List.of()), config()));
        assertTrue(backend.canHandle(job(call(ARITHMETIC, "add", "[]"), List.of()), config()));
        assertTrue("a wasm job with a bad payload is taken and failed with the reason",
                backend.canHandle(job("{\"command\": 1}", List.of("wasm")), config()));
    }

    @Test
    public void anEndlessLoopIsStoppedByTheTimeout() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ObjectNode payload = wat(LOOP).put("timeout_ms", 300);
        long start = System.nanoTime();
        ExecutionStatus status = run(backend, payload.toString());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ExecutionState.TIMED_OUT, status.state());
        assertContains(status.error().orElseThrow(), "timed out after 300 ms");
        assertTrue("stopped soon after the timeout, took " + tookMillis + " ms", tookMillis < 2_000);
    }

    @Test
    public void growingMemoryBeyondTheLimitFailsWithTheLimitNamed() throws Exception {
        WasmExecutionBackend backend = backend(Map.of("memory_max_mb", 32L));
        ObjectNode payload = JSON.readValue(call(GROW, "grow", "[100]"), ObjectNode.class);
        ExecutionStatus status = run(backend, payload.put("memory_mb", 4).toString());
        assertEquals(ExecutionState.FAILED, status.state());
        assertContains(status.error().orElseThrow(), "memory limit of 4 MiB reached");
        assertEquals("within the limit it grows: the old size in pages comes back", "[1]",
                results(run(backend, payload.put("memory_mb", 8).toString())));
        ExecutionException refused = refused(backend, payload.put("memory_mb", 64).toString());
        assertContains(refused.getMessage(), "\"memory_mb\": 64 MiB is above this node's limit of 32 MiB");
        status = run(backend, wat("(module (memory 65) (func (export \"_start\")))").put("memory_mb", 4).toString());
        assertContains(status.error().orElseThrow(), "memory limit of 4 MiB is below the 5 MiB the module's memory starts with");
    }

    @Test
    public void fuelBoundsTheWorkAJobDoes() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionStatus status = run(backend, wat(LOOP).put("fuel", 100_000).toString());
        assertEquals(ExecutionState.FAILED, status.state());
        assertFalse(status.retryable());
        assertContains(status.error().orElseThrow(), "ran out of fuel after 100000 units");
        status = run(backend, call(ARITHMETIC, "add", "[1, 2]"));
        long used = JSON.readTree(status.output().orElseThrow()).path("fuel_used").asLong();
        assertTrue("a call of add uses a few units: " + used, used > 0 && used < 10);
        status = run(backend(Map.of("default_fuel", 50_000L)), wat(LOOP).toString());
        assertContains(status.error().orElseThrow(), "ran out of fuel after 50000 units");
    }

    @Test
    public void cancelStopsARunningLoop() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionHandle handle = submit(backend, wat(LOOP).toString());
        await("running", () -> status(backend, handle).state() == ExecutionState.RUNNING);
        long start = System.nanoTime();
        backend.cancel(handle);
        ExecutionStatus status = await(backend, handle);
        assertEquals(ExecutionState.CANCELLED, status.state());
        assertContains(status.error().orElseThrow(), "cancelled");
        assertTrue("stopped within a second", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals("0 of 8 busy", backend.health().health().details().get("slots"));
    }

    @Test
    public void aModuleRunningAgainComesFromTheCache() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionStatus first = run(backend, call(ARITHMETIC, "add", "[1, 1]"));
        ExecutionStatus second = run(backend, call(ARITHMETIC, "add", "[2, 2]"));
        assertEquals("miss", JSON.readTree(first.output().orElseThrow()).path("cache").asText());
        assertEquals("hit", JSON.readTree(second.output().orElseThrow()).path("cache").asText());
        Map<String, String> details = backend.health().health().details();
        assertEquals("1", details.get("cache.hits"));
        assertEquals("compiled once", "1", details.get("cache.misses"));
        assertEquals("1 of 64", details.get("cache.entries"));
        assertEquals("wasmtime-java 0.19.0", backend.health().engine());
    }

    @Test
    public void theCacheKeepsItsLimitAndStillRunsWhatItDropped() throws Exception {
        WasmExecutionBackend backend = backend(Map.of("cache_max_modules", 1));
        for (String function : List.of("add", "mul64", "add")) {
            String module = function.equals("add") ? ARITHMETIC : ARITHMETIC + " ";
            assertEquals(ExecutionState.SUCCEEDED, run(backend, call(module, function, "[1, 2]")).state());
        }
        Map<String, String> details = backend.health().health().details();
        assertEquals("1 of 1", details.get("cache.entries"));
        assertEquals("3", details.get("cache.misses"));
    }

    @Test
    public void aHundredRunsLeaveTheTempFolderAsItWas() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        assertEquals(ExecutionState.SUCCEEDED, run(backend, wat(HELLO).toString()).state());
        List<Path> before = listAll(temp);
        for (int i = 0; i < 100; i++) {
            assertEquals(ExecutionState.SUCCEEDED, run(backend, wat(HELLO).put("stdin", "input " + i).toString()).state());
        }
        assertEquals(before, listAll(temp));
        assertEquals(List.of(), leftBehind());
    }

    @Test
    public void modulesComeFromTheModuleDirectoryAndNeverFromOutsideIt() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        byte[] binary = Wat.assemble(ARITHMETIC);
        Files.createDirectories(moduleDir.resolve("lib"));
        Files.write(moduleDir.resolve("lib/arithmetic.wasm"), binary);
        assertEquals("[7]", results(run(backend, "{\"module\": \"lib/arithmetic.wasm\", \"function\": \"add\", \"arguments\": [3, 4]}")));
        assertEquals("[7]", results(run(backend, "{\"module_base64\": \"" + Base64.getEncoder().encodeToString(binary)
                + "\", \"function\": \"add\", \"arguments\": [3, 4]}")));

        Path outside = folder.newFile("outside.wasm").toPath();
        Files.write(outside, binary);
        Files.createSymbolicLink(moduleDir.resolve("link.wasm"), outside);
        Files.createSymbolicLink(moduleDir.resolve("linked-dir"), folder.getRoot().toPath());
        assertContains(refused(backend, "{\"module\": \"../outside.wasm\"}").getMessage(), "leads outside the module directory");
        assertContains(refused(backend, "{\"module\": \"/etc/passwd\"}").getMessage(), "leads outside the module directory");
        assertContains(refused(backend, "{\"module\": \"link.wasm\"}").getMessage(), "outside the module directory through a symbolic link");
        assertContains(refused(backend, "{\"module\": \"linked-dir/outside.wasm\"}").getMessage(), "through a symbolic link");
        ExecutionException missing = refused(backend, "{\"module\": \"missing.wasm\"}");
        assertContains(missing.getMessage(), "there is no missing.wasm in the module directory");
        assertFalse(missing.retryable());
    }

    @Test
    public void badPayloadsAreRefusedNamingEveryProblem() throws Exception {
        WasmExecutionBackend backend = backend(Map.of());
        ExecutionException refused = refused(backend, "{\"wat\": 1, \"module\": \"x.wasm\", \"fuel\": -1, \"memory_mb\": \"a\","
                + " \"arguments\": {}, \"args\": [1], \"env\": {\"A=B\": \"c\"}, \"timeout\": 5}");
        assertFalse(refused.retryable());
        for (String problem : List.of("unknown fields [timeout]", "give only one of",
                "\"fuel\" must be a positive whole number", "\"memory_mb\" must be a positive whole number",
                "\"arguments\" must be an array", "\"args\" holds 1", "\"A=B\" is not a variable name")) {
            assertContains(refused.getMessage(), problem);
        }
        assertContains(refused(backend, "{}").getMessage(), "the module is missing");
        assertContains(refused(backend, "[1]").getMessage(), "must be a JSON object naming its module");
        assertContains(refused(backend, "{not json").getMessage(), "must be a JSON object naming its module");
        assertContains(refused(backend, "{\"module_base64\": \"not base64!\"}").getMessage(), "is not base64");
        assertContains(refused(backend(Map.of("module_dir", "")), "{\"module\": \"a.wasm\"}").getMessage(),
                "has no module directory");
        ExecutionStatus status = run(backend, "{\"module_base64\": \"" + Base64.getEncoder().encodeToString(
                Wat.assemble("(module (func (export \"_start\") i32.add))", true)) + "\"}");
        assertEquals(ExecutionState.FAILED, status.state());
        assertContains(status.error().orElseThrow(), "does not compile");
        status = run(backend, wat("(module (func $f (export \"_start\")").toString());
        assertContains(status.error().orElseThrow(), "the text format does not assemble");
        status = run(backend, "{\"module_base64\": \"" + Base64.getEncoder().encodeToString("not wasm".getBytes()) + "\"}");
        assertContains(status.error().orElseThrow(), "not a WebAssembly binary");
    }

    @Test
    public void stoppingTheBackendMidRunEndsItRetryablyAndLeavesNothing() throws Exception {
        WasmExecutionBackend backend = new WasmExecutionBackend(config(Map.of()), "test", Optional.empty(), Clock.systemUTC());
        ExecutionHandle handle = submit(backend, wat(LOOP).toString());
        await("running", () -> status(backend, handle).state() == ExecutionState.RUNNING);
        long start = System.nanoTime();
        backend.deactivate();
        assertTrue("stopped within seconds", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        ExecutionStatus status = await(backend, handle);
        assertEquals(ExecutionState.CANCELLED, status.state());
        assertTrue("the job is given back, not failed", status.retryable());
        assertContains(status.error().orElseThrow(), "wasm backend stopped while job");
        assertFalse(backend.health().canRunJobs());
        assertTrue(refused(backend, wat(LOOP).toString()).retryable());
        assertEquals("a stopped backend removes its directories", List.of(), list(workRoot));
        assertTrue("no thread of the backend is left", Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("blixard-wasm")));
    }

    @Test
    public void theBackendIsFullAtItsConcurrencyLimit() throws Exception {
        WasmExecutionBackend backend = backend(Map.of("max_concurrent_executions", 1));
        ExecutionHandle handle = submit(backend, wat(LOOP).toString());
        ExecutionException full = refused(backend, wat(LOOP).toString());
        assertTrue(full.retryable());
        assertContains(full.getMessage(), "wasm backend is full");
        assertEquals(1, backend.resourceInfo().runningExecutions());
        backend.cancel(handle);
        assertEquals(ExecutionState.CANCELLED, await(backend, handle).state());
        assertEquals(0, backend.resourceInfo().runningExecutions());
    }

    private WasmExecutionBackend backend(Map<String, Object> settings) throws IOException {
        WasmExecutionBackend backend = new WasmExecutionBackend(config(settings), "test", Optional.empty(), Clock.systemUTC());
        backends.add(backend);
        return backend;
    }

    private WasmBackendConfig config(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("work_root", workRoot.toString(), "module_dir", moduleDir.toString()));
        all.putAll(settings);
        return ConfigProxy.of(WasmBackendConfig.class, all);
    }

    static ObjectNode wat(String module) {
        return JSON.createObjectNode().put("wat", module);
    }

    static String call(String module, String function, String arguments) throws IOException {
        ObjectNode payload = wat(module).put("function", function);
        payload.set("arguments", JSON.readTree(arguments));
        return payload.toString();
    }

    private static String results(ExecutionStatus status) throws IOException {
        assertEquals(status.toString(), ExecutionState.SUCCEEDED, status.state());
        JsonNode output = JSON.readTree(status.output().orElseThrow());
        return output.path("results").toString();
    }

    static ExecutionStatus run(WasmExecutionBackend backend, String payload) throws Exception {
        return await(backend, submit(backend, payload));
    }

    static ExecutionHandle submit(WasmExecutionBackend backend, String payload) throws ExecutionException {
        return backend.submit(job(payload), config());
    }

    private static ExecutionException refused(WasmExecutionBackend backend, String payload) {
        try {
            ExecutionHandle handle = submit(backend, payload);
            fail("started " + handle + " for " + payload);
            return null;
        } catch (ExecutionException e) {
            return e;
        }
    }

    static ExecutionStatus await(WasmExecutionBackend backend, ExecutionHandle handle) throws Exception {
        return backend.awaitCompletion(handle, WAIT);
    }

    private static ExecutionStatus status(WasmExecutionBackend backend, ExecutionHandle handle) {
        try {
            return backend.status(handle);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    static ExecutionConfig config() {
        return new ExecutionConfig(1, Duration.ofMinutes(5), Resources.NONE, Map.of("BLIXARD_JOB_ID", "job-1", "BLIXARD_ATTEMPT", "1"));
    }

    static Job job(String payload) {
        return job(payload, List.of("wasm"));
    }

    static Job job(String payload, List<String> workerTypes) {
        return Job.builder("job-" + System.nanoTime(), JobSubmission.builder(payload).workerTypes(workerTypes).build(),
                Instant.now()).build();
    }

    private static void assertContains(String text, String part) {
        assertTrue("expected \"" + part + "\" in: " + text, text.contains(part));
    }

    /** A module built by scripts/build-test-wasm.sh (the build names their directory). */
    static Path testModule(String name) {
        return Path.of(System.getProperty("blixard.wasm.testModules", "src/test/resources/wasm"), name);
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    /**
     * What runs left in the work root: anything but the (empty) directories kept for later runs,
     * {@code run-N/work}.
     */
    private List<Path> leftBehind() throws IOException {
        try (Stream<Path> entries = Files.walk(workRoot)) {
            return entries.filter(path -> !path.equals(workRoot) && !(Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && (path.getParent().equals(workRoot) || path.getParent().getParent().equals(workRoot)
                            && path.getFileName().toString().equals(ExecutionDirectories.GUEST_VISIBLE)))).toList();
        }
    }

    private static List<Path> listAll(Path directory) throws IOException {
        try (Stream<Path> entries = Files.walk(directory)) {
            return entries.sorted().toList();
        }
    }
}
