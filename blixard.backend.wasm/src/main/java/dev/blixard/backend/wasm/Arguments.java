package dev.blixard.backend.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.kawamuray.wasmtime.Val;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a job's JSON arguments to the values an exported function takes, by its parameter types, and its
 * results back to JSON. JSON has no NaN or infinities: floats pass them as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, both ways. An i32 accepts the signed and the unsigned range (a
 * module does not say which it means), an i64 likewise.
 */
final class Arguments {

    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger I32_MAX_UNSIGNED = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger I64_MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Arguments() {
    }

    /** @throws IllegalArgumentException naming every argument that does not fit the function's signature */
    static Val[] convert(String function, ModuleFacts.Signature signature, List<JsonNode> arguments) {
        List<String> problems = new ArrayList<>();
        if (arguments.size() != signature.params().size()) {
            problems.add("function " + function + " " + signature + " takes " + signature.params().size()
                    + " arguments, the job gives " + arguments.size());
        }
        for (ValueType type : signature.results()) {
            if (!type.isNumber()) {
                problems.add("function " + function + " returns a " + type.wireName() + ", which has no JSON form");
            }
        }
        Val[] values = new Val[arguments.size()];
        for (int i = 0; i < Math.min(arguments.size(), signature.params().size()); i++) {
            ValueType type = signature.params().get(i);
            JsonNode argument = arguments.get(i);
            values[i] = convert(type, argument);
            if (values[i] == null) {
                problems.add("argument " + (i + 1) + " of " + function + " must be " + expected(type) + ", was " + argument);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return values;
    }

    /** @return the value, or null when the JSON does not fit the type */
    private static Val convert(ValueType type, JsonNode argument) {
        switch (type) {
            case I32:
                return whole(argument, I32_MIN, I32_MAX_UNSIGNED) ? Val.fromI32(argument.bigIntegerValue().intValue()) : null;
            case I64:
                return whole(argument, I64_MIN, I64_MAX_UNSIGNED) ? Val.fromI64(argument.bigIntegerValue().longValue()) : null;
            case F32:
                return argument.isNumber() || argument.isTextual() ? Val.fromF32((float) floating(argument)) : null;
            case F64:
                return argument.isNumber() || argument.isTextual() ? Val.fromF64(floating(argument)) : null;
            default:
                return null;
        }
    }

    private static boolean whole(JsonNode argument, BigInteger min, BigInteger max) {
        return argument.isIntegralNumber() && argument.bigIntegerValue().compareTo(min) >= 0
                && argument.bigIntegerValue().compareTo(max) <= 0;
    }

    /** A number, or one of the special values the payload parser let through as text. */
    private static double floating(JsonNode argument) {
        return argument.isNumber() ? argument.doubleValue() : Double.parseDouble(argument.asText());
    }

    private static String expected(ValueType type) {
        return switch (type) {
            case I32 -> "an i32 (a whole number from -2147483648 to 4294967295)";
            case I64 -> "an i64 (a whole number from -2^63 to 2^64-1)";
            case F32, F64 -> "an " + type.wireName() + " (a number, \"NaN\", \"Infinity\" or \"-Infinity\")";
            default -> "a " + type.wireName() + ", which cannot be given in JSON";
        };
    }

    /** The function's results as a JSON array. */
    static ArrayNode results(List<Val> results) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Val result : results) {
            switch (result.getType()) {
                case I32 -> array.add(result.i32());
                case I64 -> array.add(result.i64());
                // A float goes out as a float, so 0.1f reads 0.1 rather than its double's digits.
                case F32 -> {
                    if (Float.isFinite(result.f32())) {
                        array.add(result.f32());
                    } else {
                        array.add(Float.toString(result.f32()));
                    }
                }
                case F64 -> {
                    if (Double.isFinite(result.f64())) {
                        array.add(result.f64());
                    } else {
                        array.add(Double.toString(result.f64()));
                    }
                }
                default -> array.add(String.valueOf(result.getValue()));
            }
        }
        return array;
    }
}
