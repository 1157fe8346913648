package dev.blixard.backend.wasm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Rewrites a module binary so that the backend can meter, stop and limit it from inside, because wasmtime-java
 * 0.19.0 offers none of that from outside: it has no fuel ({@code consume_fuel}), no store limiter, and a store
 * is locked for the whole of a call, so another thread cannot move its epoch deadline to cancel it.
 *
 * <p>The rewritten module imports one host function from {@value #HOST_MODULE}, {@value #HOOK_FUNCTION}
 * {@code (i32 what, i64 value) -> i64}, for two purposes (one import rather than two: a host function costs a
 * JNI object per run):
 * <ul>
 * <li>{@value #FUEL} (value: the fuel left): every control block (function body, block, loop, if,
 * else) first subtracts its own instruction count from a fuel global; when the global drops below zero the
 * block calls this function, which answers with a new allowance or traps (fuel used up, execution cancelled).
 * The allowance is a slice, so even an unlimited job comes back to the host every few milliseconds: that is
 * how a cancel reaches a running loop. A block is charged on entry for all its instructions, so an early branch
 * out of it is charged as if it ran to the end: fuel is an upper bound of the instructions run, and the same
 * for every run of the same input.</li>
 * <li>{@value #GROWING} (value: pages): every {@code memory.grow} becomes a call of an added
 * function that first tells the host the size in pages the memory would grow to; the host traps when that is
 * beyond the job's memory limit. Trapping (rather than the failed grow's -1) names the limit as the reason
 * instead of leaving the module to fail later in a way that hides it.</li>
 * </ul>
 *
 * <p>When the module imports WASI's {@code fd_read}, a second import, {@value #STDIN_FUNCTION}
 * {@code (i32 iovs, i32 iovs_len, i32 nread) -> i32}, serves reads of fd 0, and every use of {@code fd_read} goes
 * to an added function that sends fd 0 there and every other descriptor to WASI. wasmtime-java 0.19.0 opens a
 * WASI stdin path write-only and truncates it, so the job's stdin cannot come from a file; and WASI's own
 * functions cannot be called back from Java (they need the calling instance's memory), so the choice is made
 * in the module.
 *
 * <p>An added export, {@value #FUEL_LEFT_EXPORT} {@code () -> i64}, answers the fuel global's value, from which
 * the host tells how much fuel a run used.
 *
 * <p>Types, a global and functions are appended, so existing indices of those stay; the two imports shift
 * every defined function's index by two, so calls, {@code ref.func}, exports, the start function and element
 * segments are renumbered, and the {@code name} section, which would now name the wrong functions, is left out.
 * Instructions this class does not know (proposals the engine does not enable: threads, exceptions, tail calls)
 * make the module invalid here rather than unmetered.
 */
final class Instrumentation {

    static final String HOST_MODULE = "blixard_host";
    static final String HOOK_FUNCTION = "hook";
    /** The hook's first argument: the fuel global went below zero; the hook answers its new value. */
    static final int FUEL = 0;
    /** The hook's first argument: the memory is about to grow to the pages given; the answer is ignored. */
    static final int GROWING = 1;
    /** An added export: the fuel global's value, read once the run is over to tell the fuel it used. */
    static final String FUEL_LEFT_EXPORT = "__blixard_fuel_left";
    /** Imported from {@value #HOST_MODULE} when the module imports WASI's {@code fd_read}. */

    /** WASI's read, whose reads of fd 0 are given to {@value #STDIN_FUNCTION}. */
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    static final String WASI_FD_READ = "fd_read";
    static final String STDIN_FUNCTION = "stdin";
    private static final int[] SECTION_ORDER = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int MEMORY = 5;
    private static final int GLOBAL = 6;
    private static final int EXPORT = 7;
    private static final int START = 8;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;

    private static final int I32 = 0x7F;
    private static final int I64 = 0x7E;
    private static final int OP_BLOCK = 0x02;
    private static final int OP_LOOP = 0x03;
    private static final int OP_IF = 0x04;
    private static final int OP_ELSE = 0x05;
    private static final int OP_END = 0x0B;
    private static final int OP_CALL = 0x10;
    private static final int OP_LOCAL_GET = 0x20;
    private static final int OP_GLOBAL_GET = 0x23;
    private static final int OP_GLOBAL_SET = 0x24;
    private static final int OP_MEMORY_SIZE = 0x3F;
    private static final int OP_MEMORY_GROW = 0x40;
    private static final int OP_I64_CONST = 0x42;
    private static final int OP_I32_EQZ = 0x45;
    private static final int OP_I32_CONST = 0x41;
    private static final int OP_DROP = 0x1A;
    private static final int OP_I64_LT_S = 0x53;
    private static final int OP_I64_ADD = 0x7C;
    private static final int OP_I64_SUB = 0x7D;
    private static final int OP_I64_EXTEND_I32_U = 0xAD;
    private static final int OP_REF_FUNC = 0xD2;
    private static final int EMPTY_BLOCK = 0x40;

    private final byte[] binary;
    private final List<ModuleSections.Section> sections;
    private final int importedFunctions;
    /** The function index of WASI's {@code fd_read} among the imports, or -1. */
    private final int fdReadImport;
    private final int addedImports;
    private final int definedFunctions;
    private final boolean hasMemory;
    /** Indices of what is added. */
    private final int hookType;
    private final int growType;
    private final int fuelLeftType;
    private final int stdinType;
    private final int hookImport;
    private final int fuelLeftFunction;
    private final int growFunction;
    private final int stdinImport;
    private final int fdReadFunction;
    private final int fdReadType;
    private final int fuelGlobal;

    private Instrumentation(byte[] binary) {
        this.binary = binary;
        this.sections = ModuleSections.of(binary);
        int types = 0;
        int functionImports = 0;
        int fdRead = -1;
        int fdReadTypeIndex = -1;
        int globalImports = 0;
        int functions = 0;
        int globals = 0;
        boolean memory = false;
        for (ModuleSections.Section section : sections) {
            WasmReader reader = section.reader(binary);
            switch (section.id()) {
                case TYPE -> types = reader.readIndex();
                case IMPORT -> {
                    for (int count = reader.readIndex(); count > 0; count--) {
                        String module = reader.readName();
                        String name = reader.readName();
                        boolean isFdRead = module.equals(WASI_MODULE) && name.equals(WASI_FD_READ);
                        switch (reader.readByte()) {
                            case 0x00 -> {
                                int type = reader.readIndex();
                                if (isFdRead) {
                                    fdRead = functionImports;
                                    fdReadTypeIndex = type;
                                }
                                functionImports++;
                            }
                            case 0x01 -> {
                                reader.readByte();
                                skipLimits(reader);
                            }
                            case 0x02 -> {
                                skipLimits(reader);
                                memory = true;
                            }
                            case 0x03 -> {
                                reader.skip(2);
                                globalImports++;
                            }
                            default -> throw reader.fail("an import of an unknown kind");
                        }
                    }
                }
                case FUNCTION -> functions = reader.readIndex();
                case MEMORY -> memory |= reader.readIndex() > 0;
                case GLOBAL -> globals = reader.readIndex();
                default -> {
                    // Counted elsewhere or not needed.
                }
            }
        }
        this.importedFunctions = functionImports;
        this.fdReadImport = fdRead;
        this.fdReadType = fdReadTypeIndex;
        this.addedImports = fdRead >= 0 ? 2 : 1;
        this.definedFunctions = functions;
        this.hasMemory = memory;
        this.hookType = types;
        this.growType = types + 1;
        this.fuelLeftType = types + 2;
        this.stdinType = types + 3;
        this.hookImport = functionImports;
        this.stdinImport = functionImports + 1;
        this.fuelLeftFunction = functionImports + addedImports + functions;
        this.growFunction = fuelLeftFunction + 1;
        this.fdReadFunction = growFunction + (memory ? 1 : 0);
        this.fuelGlobal = globalImports + globals;
    }

    /**
     * @return the instrumented module
     * @throws InvalidModuleException when the binary is not a module this class can instrument
     */
    static byte[] apply(byte[] binary) {
        return new Instrumentation(binary).rewrite();
    }

    private byte[] rewrite() {
        List<int[]> order = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (ModuleSections.Section section : sections) {
            if (section.id() == ModuleSections.CUSTOM && section.customName(binary).equals("name")) {
                continue;
            }
            order.add(new int[] {section.id()});
            contents.add(rewriteSection(section.id(), section.reader(binary)));
        }
        // Sections the additions need but the module lacks, each placed before the first section that follows it.
        for (int id : new int[] {TYPE, IMPORT, FUNCTION, GLOBAL, EXPORT, CODE}) {
            if (order.stream().noneMatch(entry -> entry[0] == id)) {
                int at = 0;
                while (at < order.size() && (order.get(at)[0] == ModuleSections.CUSTOM || rank(order.get(at)[0]) < rank(id))) {
                    at++;
                }
                order.add(at, new int[] {id});
                contents.add(at, rewriteSection(id, new WasmReader(new byte[] {0})));
            }
        }
        WasmWriter out = new WasmWriter(binary.length + 1024);
        out.writeBytes(binary, 0, 8);
        for (int i = 0; i < order.size(); i++) {
            out.writeByte(order.get(i)[0]);
            out.writeU32(contents.get(i).length);
            out.writeBytes(contents.get(i));
        }
        return out.toByteArray();
    }

    private static int rank(int id) {
        for (int i = 0; i < SECTION_ORDER.length; i++) {
            if (SECTION_ORDER[i] == id) {
                return i;
            }
        }
        throw new InvalidModuleException("unknown section id " + id);
    }

    private byte[] rewriteSection(int id, WasmReader in) {
        WasmWriter out = new WasmWriter();
        switch (id) {
            case TYPE -> {
                out.writeU32(in.readIndex() + 4L).writeBytes(rest(in));
                out.writeByte(0x60).writeU32(2).writeByte(I32).writeByte(I64).writeU32(1).writeByte(I64);
                functionType(out, I32, I32);
                functionType(out, -1, I64);
                out.writeByte(0x60).writeU32(3).writeByte(I32).writeByte(I32).writeByte(I32).writeU32(1).writeByte(I32);
            }
            case IMPORT -> {
                out.writeU32(in.readIndex() + (long) addedImports).writeBytes(rest(in));
                out.writeName(HOST_MODULE).writeName(HOOK_FUNCTION).writeByte(0x00).writeU32(hookType);
                if (fdReadImport >= 0) {
                    out.writeName(HOST_MODULE).writeName(STDIN_FUNCTION).writeByte(0x00).writeU32(stdinType);
                }
            }
            case FUNCTION -> {
                int count = in.readIndex();
                out.writeU32(count + addedFunctions()).writeBytes(rest(in)).writeU32(fuelLeftType);
                if (hasMemory) {
                    out.writeU32(growType);
                }
                if (fdReadImport >= 0) {
                    out.writeU32(fdReadType);
                }
            }
            case GLOBAL -> {
                int count = in.readIndex();
                out.writeU32(count + 1L);
                for (int i = 0; i < count; i++) {
                    out.writeBytes(in.source(), in.position(), 2);
                    in.skip(2);
                    rewriteCode(in, out, false);
                }
                out.writeByte(I64).writeByte(0x01).writeByte(OP_I64_CONST).writeSigned(0).writeByte(OP_END);
            }
            case EXPORT -> {
                int count = in.readIndex();
                out.writeU32(count + 1L);
                for (int i = 0; i < count; i++) {
                    String name = in.readName();
                    if (name.equals(FUEL_LEFT_EXPORT)) {
                        throw in.fail("the module exports " + FUEL_LEFT_EXPORT + ", a name this node reserves");
                    }
                    int kind = in.readByte();
                    int index = in.readIndex();
                    out.writeName(name).writeByte(kind).writeU32(kind == 0x00 ? function(index) : index);
                }
                out.writeName(FUEL_LEFT_EXPORT).writeByte(0x00).writeU32(fuelLeftFunction);
            }
            case START -> out.writeU32(function(in.readIndex()));
            case ELEMENT -> rewriteElements(in, out);
            case CODE -> {
                int count = in.readIndex();
                out.writeU32(count + addedFunctions());
                for (int i = 0; i < count; i++) {
                    WasmReader body = in.slice(in.readIndex());
                    int bodyStart = body.position();
                    for (int groups = body.readIndex(); groups > 0; groups--) {
                        body.readU32();
                        body.readByte();
                    }
                    // The locals are copied as they are; only the instructions change.
                    WasmWriter rewritten = new WasmWriter(body.remaining() + 64);
                    rewritten.writeBytes(in.source(), bodyStart, body.position() - bodyStart);
                    rewriteCode(body, rewritten, true);
                    if (!body.atEnd()) {
                        throw body.fail("a function body goes on after its end");
                    }
                    out.writeSized(rewritten);
                }
                out.writeSized(new WasmWriter().writeU32(0).writeByte(OP_GLOBAL_GET).writeU32(fuelGlobal).writeByte(OP_END));
                if (hasMemory) {
                    out.writeSized(growBody());
                }
                if (fdReadImport >= 0) {
                    out.writeSized(fdReadBody());
                }
            }
            default -> out.writeBytes(rest(in));
        }
        return out.toByteArray();
    }

    private long addedFunctions() {
        return 1 + (hasMemory ? 1 : 0) + (fdReadImport >= 0 ? 1 : 0);
    }

    private static byte[] rest(WasmReader in) {
        byte[] rest = new byte[in.remaining()];
        System.arraycopy(in.source(), in.position(), rest, 0, rest.length);
        in.skip(rest.length);
        return rest;
    }

    /** A function type of at most one parameter and one result; -1 for none. */
    private static void functionType(WasmWriter out, int param, int result) {
        out.writeByte(0x60);
        for (int type : new int[] {param, result}) {
            if (type < 0) {
                out.writeU32(0);
            } else {
                out.writeU32(1).writeByte(type);
            }
        }
    }

    /**
     * The renumbered index of a function: defined functions move up by the added imports, and WASI's
     * {@code fd_read} is replaced by the added function that serves stdin.
     */
    private int function(int index) {
        if (index == fdReadImport) {
            return fdReadFunction;
        }
        return index >= importedFunctions ? index + addedImports : index;
    }

    private void rewriteElements(WasmReader in, WasmWriter out) {
        int count = in.readIndex();
        out.writeU32(count);
        for (int i = 0; i < count; i++) {
            int flags = in.readIndex();
            out.writeU32(flags);
            if (flags > 7) {
                throw in.fail("an element segment of unknown kind " + flags);
            }
            boolean passiveOrDeclared = (flags & 0x01) != 0;
            boolean explicitTable = (flags & 0x02) != 0;
            boolean expressions = (flags & 0x04) != 0;
            if (explicitTable && !passiveOrDeclared) {
                out.writeU32(in.readIndex());
            }
            if (!passiveOrDeclared) {
                rewriteCode(in, out, false);
            }
            if (passiveOrDeclared || explicitTable) {
                out.writeByte(in.readByte());
            }
            int items = in.readIndex();
            out.writeU32(items);
            for (int item = 0; item < items; item++) {
                if (expressions) {
                    rewriteCode(in, out, false);
                } else {
                    out.writeU32(function(in.readIndex()));
                }
            }
        }
    }

    /** The added function that stands in for {@code memory.grow}: ask the host, then grow. */
    private WasmWriter growBody() {
        WasmWriter body = new WasmWriter();
        body.writeU32(0);
        body.writeByte(OP_I32_CONST).writeSigned(GROWING);
        body.writeByte(OP_MEMORY_SIZE).writeByte(0x00).writeByte(OP_I64_EXTEND_I32_U);
        body.writeByte(OP_LOCAL_GET).writeU32(0).writeByte(OP_I64_EXTEND_I32_U).writeByte(OP_I64_ADD);
        body.writeByte(OP_CALL).writeU32(hookImport).writeByte(OP_DROP);
        body.writeByte(OP_LOCAL_GET).writeU32(0).writeByte(OP_MEMORY_GROW).writeByte(0x00);
        body.writeByte(OP_END);
        return body;
    }

    /** The added function that stands in for WASI's {@code fd_read}: fd 0 to the host, the rest to WASI. */
    private WasmWriter fdReadBody() {
        WasmWriter body = new WasmWriter();
        body.writeU32(0);
        body.writeByte(OP_LOCAL_GET).writeU32(0).writeByte(OP_I32_EQZ).writeByte(OP_IF).writeByte(I32);
        for (int parameter = 1; parameter <= 3; parameter++) {
            body.writeByte(OP_LOCAL_GET).writeU32(parameter);
        }
        body.writeByte(OP_CALL).writeU32(stdinImport).writeByte(OP_ELSE);
        for (int parameter = 0; parameter <= 3; parameter++) {
            body.writeByte(OP_LOCAL_GET).writeU32(parameter);
        }
        body.writeByte(OP_CALL).writeU32(fdReadImport).writeByte(OP_END).writeByte(OP_END);
        return body;
    }

    /** The fuel charge of a block: subtract its cost, and ask the host for more when the global went negative. */
    private void charge(WasmWriter out, long cost) {
        out.writeByte(OP_GLOBAL_GET).writeU32(fuelGlobal).writeByte(OP_I64_CONST).writeSigned(cost)
                .writeByte(OP_I64_SUB).writeByte(OP_GLOBAL_SET).writeU32(fuelGlobal);
        out.writeByte(OP_GLOBAL_GET).writeU32(fuelGlobal).writeByte(OP_I64_CONST).writeSigned(0).writeByte(OP_I64_LT_S);
        out.writeByte(OP_IF).writeByte(EMPTY_BLOCK);
        out.writeByte(OP_I32_CONST).writeSigned(FUEL).writeByte(OP_GLOBAL_GET).writeU32(fuelGlobal)
                .writeByte(OP_CALL).writeU32(hookImport).writeByte(OP_GLOBAL_SET).writeU32(fuelGlobal);
        out.writeByte(OP_END);
    }

    /** A change to the original code: at {@code at}, drop {@code skip} bytes and write a replacement or a charge. */
    private static final class Edit {
        final int at;
        final int skip;
        final byte[] replacement;
        long cost;

        Edit(int at, int skip, byte[] replacement) {
            this.at = at;
            this.skip = skip;
            this.replacement = replacement;
        }
    }

    /**
     * Copies one expression (a function body's instructions, or a constant expression) up to its closing
     * {@code end}, renumbering function indices, replacing {@code memory.grow} and, when {@code meter}, charging
     * fuel at the start of every block. Costs are known only at a block's end, so the edits are collected in a
     * first pass and applied in a second; that keeps the work linear however deeply blocks nest.
     */
    private void rewriteCode(WasmReader in, WasmWriter out, boolean meter) {
        int start = in.position();
        List<Edit> edits = new ArrayList<>();
        Deque<Edit> blocks = new ArrayDeque<>();
        blocks.push(openBlock(edits, start, meter));
        while (!blocks.isEmpty()) {
            int at = in.position();
            int opcode = in.readByte();
            switch (opcode) {
                case OP_BLOCK, OP_LOOP, OP_IF -> {
                    blocks.peek().cost++;
                    skipBlockType(in);
                    blocks.push(openBlock(edits, in.position(), meter));
                }
                case OP_ELSE -> {
                    blocks.pop();
                    if (blocks.isEmpty()) {
                        throw in.fail("else outside an if");
                    }
                    blocks.push(openBlock(edits, in.position(), meter));
                }
                case OP_END -> blocks.pop();
                case OP_CALL, OP_REF_FUNC -> {
                    blocks.peek().cost++;
                    int immediate = in.position();
                    int index = in.readIndex();
                    if (function(index) != index) {
                        edits.add(new Edit(immediate, in.position() - immediate, new WasmWriter(5).writeU32(function(index)).toByteArray()));
                    }
                }
                case OP_MEMORY_GROW -> {
                    blocks.peek().cost++;
                    if (in.readIndex() != 0) {
                        throw in.fail("memory.grow of a memory other than the first");
                    }
                    edits.add(new Edit(at, in.position() - at, new WasmWriter(6).writeByte(OP_CALL).writeU32(growFunction).toByteArray()));
                }
                default -> {
                    blocks.peek().cost++;
                    skipImmediates(opcode, at, in);
                }
            }
        }
        int cursor = start;
        for (Edit edit : edits) {
            out.writeBytes(in.source(), cursor, edit.at - cursor);
            if (edit.replacement != null) {
                out.writeBytes(edit.replacement);
            } else if (edit.cost > 0) {
                charge(out, edit.cost);
            }
            cursor = edit.at + edit.skip;
        }
        out.writeBytes(in.source(), cursor, in.position() - cursor);
    }

    private static Edit openBlock(List<Edit> edits, int at, boolean meter) {
        Edit charge = new Edit(at, 0, null);
        if (meter) {
            edits.add(charge);
        }
        return charge;
    }

    private static void skipBlockType(WasmReader in) {
        int first = in.peekByte();
        if (first == EMPTY_BLOCK || (first >= 0x6F && first <= 0x7F)) {
            in.readByte();
        } else {
            in.readSigned(33);
        }
    }

    private static void skipLimits(WasmReader in) {
        int flags = in.readByte();
        in.readU32();
        if ((flags & 0x01) != 0) {
            in.readU32();
        }
    }

    private static void skipMemoryArgument(WasmReader in) {
        long align = in.readU32();
        if ((align & 0x40) != 0) {
            in.readIndex();
        }
        in.readU32();
    }

    /** Skips what follows an opcode that needs no rewriting; refuses opcodes it does not know. */
    private static void skipImmediates(int opcode, int at, WasmReader in) {
        if (opcode <= 0x01 || opcode == 0x0F || opcode == 0x1A || opcode == 0x1B || opcode == 0xD1
                || (opcode >= 0x45 && opcode <= 0xC4)) {
            return;
        }
        switch (opcode) {
            case 0x0C, 0x0D, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, OP_MEMORY_SIZE -> in.readIndex();
            case 0x0E -> {
                for (int targets = in.readIndex(); targets >= 0; targets--) {
                    in.readIndex();
                }
            }
            case 0x11 -> {
                in.readIndex();
                in.readIndex();
            }
            case 0x1C -> in.skip(in.readIndex());
            case 0x41 -> in.readSigned(32);
            case OP_I64_CONST -> in.readSigned(64);
            case 0x43 -> in.skip(4);
            case 0x44 -> in.skip(8);
            case 0xD0 -> in.readByte();
            case 0xFC -> skipMiscellaneous(in, at);
            case 0xFD -> skipVector(in, at);
            default -> {
                if (opcode >= 0x28 && opcode <= 0x3E) {
                    skipMemoryArgument(in);
                } else {
                    throw unknown(in, at, String.format("0x%02x", opcode));
                }
            }
        }
    }

    /** The 0xFC prefix: saturating truncations, bulk memory and table instructions. */
    private static void skipMiscellaneous(WasmReader in, int at) {
        long operation = in.readU32();
        if (operation <= 7) {
            return;
        }
        if (operation == 8 || operation == 10 || operation == 12 || operation == 14) {
            in.readIndex();
            in.readIndex();
        } else if (operation <= 17) {
            in.readIndex();
        } else {
            throw unknown(in, at, "0xfc " + operation);
        }
    }

    /** The 0xFD prefix: fixed-width SIMD. */
    private static void skipVector(WasmReader in, int at) {
        long operation = in.readU32();
        if (operation <= 11 || operation == 92 || operation == 93) {
            skipMemoryArgument(in);
        } else if (operation == 12 || operation == 13) {
            in.skip(16);
        } else if (operation >= 21 && operation <= 34) {
            in.readByte();
        } else if (operation >= 84 && operation <= 91) {
            skipMemoryArgument(in);
            in.readByte();
        } else if (operation > 255) {
            throw unknown(in, at, "0xfd " + operation);
        }
    }

    private static InvalidModuleException unknown(WasmReader in, int at, String opcode) {
        return new InvalidModuleException("instruction " + opcode + " at byte " + at
                + " is not one this node can meter (threads, exceptions and tail calls are not supported)");
    }
}
