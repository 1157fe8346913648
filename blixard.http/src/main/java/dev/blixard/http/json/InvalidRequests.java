package dev.blixard.http.json;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds API values from request fields and names their problems where the caller sent them: a violation
 * the API reports as {@code priority} is {@code jobs[3].priority} in a batch. Several builds report together.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    /** @return what {@code build} builds; its violations, if any, with their fields under {@code prefix} */
    public static <T> T prefixed(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(prefix(prefix, e.violations()));
        }
    }

    /** @return the values of every build, or one exception listing the violations of all of them */
    public static <T> List<T> all(List<Supplier<T>> builds) {
        List<T> values = new ArrayList<>(builds.size());
        List<Violation> violations = new ArrayList<>();
        for (Supplier<T> build : builds) {
            try {
                values.add(build.get());
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return values;
    }

    private static List<Violation> prefix(String prefix, List<Violation> violations) {
        List<Violation> prefixed = new ArrayList<>(violations.size());
        for (Violation violation : violations) {
            String field = violation.field().isEmpty() ? prefix.replaceAll("\\.$", "") : prefix + violation.field();
            prefixed.add(new Violation(field, violation.message()));
        }
        return prefixed;
    }
}
