package dev.blixard.api;

import java.util.List;

/**
 * A request that can never succeed as given: a missing or malformed field, a value out of range,
 * an unknown dependency or a validator's rejection. Every problem found is listed, not only the first.
 */
public class InvalidRequestException extends BlixardException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    /**
     * @param violations every problem found; at least one
     */
    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** A request with one problem in one field. */
    public InvalidRequestException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    /** @return the problems, in the order they were found */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        StringBuilder text = new StringBuilder();
        for (Violation violation : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(violation);
        }
        return text.toString();
    }
}
