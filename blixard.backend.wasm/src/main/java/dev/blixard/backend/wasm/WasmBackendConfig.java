package dev.blixard.backend.wasm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the WebAssembly backend (PID {@code blixard.backend.wasm}, file
 * {@code etc/blixard.backend.wasm.cfg} with the attribute names written with dots: {@code module.dir},
 * {@code memory.max.mb}, ...).
 */
@ObjectClassDefinition(name = "Blixard WebAssembly backend",
        description = "Runs jobs as WebAssembly modules on wasmtime with WASI: where modules come from, how much memory, fuel and output a job gets, how many compiled modules are kept.")
public @interface WasmBackendConfig {

    @AttributeDefinition(name = "Concurrency", description = "Modules run at once, each on a thread of its own; further submits are refused as retryable.", min = "1")
    int max_concurrent_executions() default 8;

    @AttributeDefinition(name = "Work directory root", description = "Each execution gets its own directory under it, preopened for the module as /work. Empty: DATA_DIR/work/wasm (or the JVM's temp directory outside a node).")
    String work_root() default "";

    @AttributeDefinition(name = "Module directory", description = "Where a job's \"module\" path is looked up; paths leading outside it (also through symbolic links) are refused. Empty: DATA_DIR/wasm/modules (none outside a node).")
    String module_dir() default "";

    @AttributeDefinition(name = "Memory limit (MiB)", description = "The most linear memory a job's module may have; a job may ask for less with memory_mb, never more.", min = "1")
    long memory_max_mb() default 256;

    @AttributeDefinition(name = "Default fuel", description = "Instructions a job may run when its payload names no fuel; 0 for no limit (the timeout still applies).", min = "0")
    long default_fuel() default 0;

    @AttributeDefinition(name = "Output cap (bytes)", description = "Kept per stream (stdout, stderr): the first and last halves, with a marker in between.", min = "256")
    int output_max_bytes() default 1_048_576;

    @AttributeDefinition(name = "Module size limit (MiB)", description = "The largest module binary accepted (in the payload, from the module directory, or assembled from text).", min = "1")
    int module_max_mb() default 64;

    @AttributeDefinition(name = "Module cache", description = "Compiled modules kept, least recently used dropped first.", min = "1")
    int cache_max_modules() default 64;

    @AttributeDefinition(name = "wat2wasm command", description = "Assembles jobs given in the text format (\"wat\"); a name looked up on the PATH, or a path. Jobs with \"wat\" are refused when it is missing.")
    String wat2wasm_command() default "wat2wasm";
}
