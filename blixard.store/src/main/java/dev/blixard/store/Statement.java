package dev.blixard.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with its bound parameters. Parameters are {@code null}, {@link Long} (and the smaller
 * integer types), {@link Double}, {@link String}, {@link Boolean} (stored as 0/1) or {@code byte[]}: values
 * that encode exactly and mean the same on every node.
 *
 * @param sql the statement, with {@code ?} placeholders
 * @param parameters one value per placeholder
 */
public record Statement(String sql, List<Object> parameters) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("empty SQL statement");
        }
        List<Object> checked = new ArrayList<>(Objects.requireNonNull(parameters, "parameters").size());
        for (int i = 0; i < parameters.size(); i++) {
            checked.add(normalise(parameters.get(i), i));
        }
        parameters = Collections.unmodifiableList(checked);
    }

    /** A statement with positional parameters. */
    public static Statement of(String sql, Object... parameters) {
        return new Statement(sql, Arrays.asList(parameters));
    }

    private static Object normalise(Object value, int position) {
        if (value == null || value instanceof Long || value instanceof Double || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? 1L : 0L;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        throw new IllegalArgumentException("parameter " + (position + 1) + " has unsupported type "
                + value.getClass().getName() + "; use Long, Double, String, Boolean, byte[] or null");
    }
}
