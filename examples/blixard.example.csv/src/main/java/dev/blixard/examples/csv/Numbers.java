package dev.blixard.examples.csv;

import java.math.BigDecimal;

/**
 * Reads the numbers of a CSV cell. Sums are exact decimals ({@link BigDecimal}), because the sums of money
 * columns must not pick up binary floating-point noise such as {@code 0.30000000000000004}.
 */
final class Numbers {
    /** Longer text is not a number we sum: it would only cost time to parse. */
    private static final int MAX_DIGITS = 100;
    /** Bounds {@code 1e999999999}, whose plain form would be a billion characters long. */
    private static final int MAX_SCALE = 1000;

    private Numbers() {
    }

    /**
     * @param text a trimmed, non-empty cell
     * @return its value, or {@code null} when it is not a decimal number of sensible size
     */
    static BigDecimal parse(String text) {
        if (text.length() > MAX_DIGITS) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs(value.scale()) > MAX_SCALE ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
