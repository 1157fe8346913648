package dev.blixard.backend.wasm;

/**
 * A module this backend cannot run, for a reason in words: not WebAssembly, truncated, using an instruction
 * the metering does not know, importing what the node does not provide. The job, not the node, is at fault.
 */
final class InvalidModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidModuleException(String message) {
        super(message);
    }
}
