package dev.blixard.backend.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections of a WebAssembly module binary, in their order, located but not interpreted. Reading the facts
 * of a module and instrumenting it both start here, so both refuse the same non-modules the same way.
 */
final class ModuleSections {

    static final int CUSTOM = 0;
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    /** A section's id and where its contents (after the id and size) start and end in the binary. */
    record Section(int id, int start, int end) {
        WasmReader reader(byte[] binary) {
            return new WasmReader(binary, start, end);
        }

        /** The name of a custom section (id 0), which starts its contents. */
        String customName(byte[] binary) {
            return reader(binary).readName();
        }
    }

    private ModuleSections() {
    }

    /** @throws InvalidModuleException when the bytes are not a WebAssembly 1.0 module */
    static List<Section> of(byte[] binary) {
        if (binary.length < 8 || binary[0] != MAGIC[0] || binary[1] != MAGIC[1] || binary[2] != MAGIC[2]
                || binary[3] != MAGIC[3]) {
            throw new InvalidModuleException("not a WebAssembly binary (it does not start with \\0asm)");
        }
        if (binary[4] != 1 || binary[5] != 0 || binary[6] != 0 || binary[7] != 0) {
            // Components (the component model) use another version and layer; they need a different runtime.
            throw new InvalidModuleException("not a WebAssembly 1.0 core module (version bytes "
                    + String.format("%02x %02x %02x %02x", binary[4], binary[5], binary[6], binary[7]) + ")");
        }
        WasmReader reader = new WasmReader(binary, 8, binary.length);
        List<Section> sections = new ArrayList<>();
        while (!reader.atEnd()) {
            int id = reader.readByte();
            int size = reader.readIndex();
            int start = reader.position();
            reader.skip(size);
            sections.add(new Section(id, start, start + size));
        }
        return sections;
    }
}
