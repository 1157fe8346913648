package dev.blixard.backend.wasm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the backend needs to know about a module before running it, read from its binary once and cached with
 * the compiled module. wasmtime-java 0.19.0 tells the types of a module's imports but not of its exports, so
 * the entry point's signature (to convert a job's JSON arguments) and the memory it starts with (to check it
 * against the job's memory limit) come from here.
 *
 * @param functions exported functions by name, with their signatures
 * @param memory the module's linear memory, defined or imported, if it has one
 * @param imports what it imports, as {@code module.name}
 * @param binaryBytes the size of the module's binary
 */
record ModuleFacts(Map<String, Signature> functions, Optional<Memory> memory, List<String> imports, int binaryBytes) {

    static final long PAGE_BYTES = 64 * 1024;
    static final long PAGES_PER_MIB = (1024 * 1024) / PAGE_BYTES;

    private static final int TYPE_SECTION = 1;
    private static final int IMPORT_SECTION = 2;
    private static final int FUNCTION_SECTION = 3;
    private static final int MEMORY_SECTION = 5;
    private static final int EXPORT_SECTION = 7;

    ModuleFacts {
        functions = Map.copyOf(functions);
        imports = List.copyOf(imports);
    }

    /** A function's parameter and result types. */
    record Signature(List<ValueType> params, List<ValueType> results) {
        Signature {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return "(" + String.join(", ", params.stream().map(ValueType::wireName).toList()) + ") -> ("
                    + String.join(", ", results.stream().map(ValueType::wireName).toList()) + ")";
        }
    }

    /** A linear memory's limits in 64 KiB pages. */
    record Memory(long minPages, OptionalLong maxPages, boolean imported) {
        long minMib() {
            return (minPages + PAGES_PER_MIB - 1) / PAGES_PER_MIB;
        }
    }

    /**
     * Reads the facts of a module binary. Only the sections named above are looked into; the engine validates
     * the rest when it compiles the module.
     *
     * @throws InvalidModuleException when the binary is not a WebAssembly 1.0 module or uses what this node
     *         does not run (64-bit or shared memories, several memories)
     */
    static ModuleFacts read(byte[] binary) {
        List<Signature> types = new ArrayList<>();
        List<Integer> functionTypes = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        Map<String, Signature> exported = new LinkedHashMap<>();
        Memory memory = null;
        for (ModuleSections.Section section : ModuleSections.of(binary)) {
            WasmReader reader = section.reader(binary);
            switch (section.id()) {
                case TYPE_SECTION -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        types.add(readFunctionType(reader));
                    }
                }
                case IMPORT_SECTION -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        String name = reader.readName() + "." + reader.readName();
                        imports.add(name);
                        int kind = reader.readByte();
                        switch (kind) {
                            case 0x00 -> functionTypes.add(reader.readIndex());
                            case 0x01 -> {
                                reader.readByte();
                                readLimits(reader);
                            }
                            case 0x02 -> memory = onlyMemory(memory, readMemory(reader, true));
                            case 0x03 -> reader.skip(2);
                            default -> throw reader.fail("import " + name + " is of an unknown kind 0x" + Integer.toHexString(kind));
                        }
                    }
                }
                case FUNCTION_SECTION -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        functionTypes.add(reader.readIndex());
                    }
                }
                case MEMORY_SECTION -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        memory = onlyMemory(memory, readMemory(reader, false));
                    }
                }
                case EXPORT_SECTION -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        String name = reader.readName();
                        int kind = reader.readByte();
                        int index = reader.readIndex();
                        if (kind == 0x00) {
                            exported.put(name, signatureOf(index, functionTypes, types, reader));
                        }
                    }
                }
                default -> {
                    // Sections the backend needs nothing from.
                }
            }
        }
        return new ModuleFacts(exported, Optional.ofNullable(memory), imports, binary.length);
    }

    private static Signature readFunctionType(WasmReader reader) {
        if (reader.readByte() != 0x60) {
            throw reader.fail("a type is not a function type");
        }
        return new Signature(readValueTypes(reader), readValueTypes(reader));
    }

    private static List<ValueType> readValueTypes(WasmReader reader) {
        List<ValueType> valueTypes = new ArrayList<>();
        for (int count = reader.readIndex(); count > 0; count--) {
            valueTypes.add(ValueType.ofCode(reader.readByte()));
        }
        return valueTypes;
    }

    private static Memory readMemory(WasmReader reader, boolean imported) {
        int flags = reader.peekByte();
        if ((flags & 0x04) != 0) {
            throw reader.fail("64-bit memories are not supported");
        }
        if ((flags & 0x02) != 0) {
            throw reader.fail("shared memories (threads) are not supported");
        }
        long[] limits = readLimits(reader);
        return new Memory(limits[0], limits.length > 1 ? OptionalLong.of(limits[1]) : OptionalLong.empty(), imported);
    }

    /** @return {min} or {min, max} */
    private static long[] readLimits(WasmReader reader) {
        int flags = reader.readByte();
        long min = reader.readU32();
        return (flags & 0x01) != 0 ? new long[] {min, reader.readU32()} : new long[] {min};
    }

    /** The engine runs modules with one memory (multi-memory is off); the memory limit relies on that. */
    private static Memory onlyMemory(Memory before, Memory found) {
        if (before != null) {
            throw new InvalidModuleException("the module has more than one memory, which is not supported");
        }
        return found;
    }

    private static Signature signatureOf(int function, List<Integer> functionTypes, List<Signature> types,
            WasmReader reader) {
        if (function >= functionTypes.size() || functionTypes.get(function) >= types.size()) {
            throw reader.fail("an export names function " + function + ", which has no type");
        }
        return types.get(functionTypes.get(function));
    }

    /** @return the exported functions' names, sorted, for messages */
    List<String> functionNames() {
        return functions.keySet().stream().sorted().toList();
    }
}
