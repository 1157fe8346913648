package dev.blixard.api.plugin;

import dev.blixard.api.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A validator's verdict: valid, or the list of problems found.
 *
 * @param violations the problems; empty when valid
 */
public record ValidationResult(List<Violation> violations) {
    /** Nothing wrong. */
    public static final ValidationResult VALID = new ValidationResult(List.of());

    public ValidationResult {
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
    }

    /** @return a verdict with one problem in one field */
    public static ValidationResult invalid(String field, String message) {
        return new ValidationResult(List.of(new Violation(field, message)));
    }

    /** @return whether nothing is wrong */
    public boolean isValid() {
        return violations.isEmpty();
    }
}
