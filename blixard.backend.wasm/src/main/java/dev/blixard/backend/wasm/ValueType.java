package dev.blixard.backend.wasm;

/** The WebAssembly value types, with their binary codes and how a job's JSON passes them in and out. */
enum ValueType {
    I32(0x7F), I64(0x7E), F32(0x7D), F64(0x7C), V128(0x7B), FUNCREF(0x70), EXTERNREF(0x6F);

    final int code;

    ValueType(int code) {
        this.code = code;
    }

    /** Numbers cross the JSON boundary; vectors and references have no JSON form. */
    boolean isNumber() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ValueType ofCode(int code) {
        for (ValueType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new InvalidModuleException(String.format("0x%02x is not a value type", code));
    }
}
