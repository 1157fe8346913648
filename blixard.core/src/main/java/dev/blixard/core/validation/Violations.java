package dev.blixard.core.validation;

import dev.blixard.api.Violation;
import dev.blixard.api.plugin.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/** Collects a validator's findings; most submissions have none, so nothing is allocated until one is found. */
final class Violations {
    private List<Violation> found;

    void add(String field, String message) {
        if (found == null) {
            found = new ArrayList<>(2);
        }
        found.add(new Violation(field, message));
    }

    ValidationResult result() {
        return found == null ? ValidationResult.VALID : new ValidationResult(found);
    }
}
