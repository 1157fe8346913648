package dev.blixard.examples.csv;

import dev.blixard.api.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a node's csv jobs inside the configured base directory, if there is one. Checked twice: on the
 * paths' text at submit (cheap, no disk access, a clear message to the client), and on the real paths,
 * symbolic links resolved, just before a run, because a link under the base directory may point anywhere.
 * {@link CsvRequestParser} has already refused {@code ..} segments, so the textual check cannot be escaped
 * that way. Thread-safe.
 */
final class PathPolicy {
    private final Optional<Path> base;

    PathPolicy(Optional<Path> base) {
        this.base = base;
    }

    /** @return the base directory, when datasets and outputs are restricted to it */
    Optional<Path> base() {
        return base;
    }

    /** @return a violation for each of the request's paths outside the base directory, by its text */
    List<Violation> check(CsvRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (base.isPresent()) {
            outside(request.dataset(), "payload.dataset", violations);
            outside(request.output(), "payload.output", violations);
        }
        return violations;
    }

    private void outside(Path path, String field, List<Violation> violations) {
        if (!path.startsWith(base.get())) {
            violations.add(new Violation(field, "must lie under " + base.get() + ", the base directory of this node"));
        }
    }

    /**
     * Resolves symbolic links in the dataset and the output's directory and checks them again.
     *
     * @return why the request may not run, or empty when it may
     * @throws IOException when a path does not exist or cannot be resolved
     */
    Optional<String> checkReal(CsvRequest request) throws IOException {
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Path realBase = base.get().toRealPath();
        Path dataset = request.dataset().toRealPath();
        if (!dataset.startsWith(realBase)) {
            return Optional.of("dataset " + request.dataset() + " resolves to " + dataset + ", outside " + realBase);
        }
        Path directory = request.output().getParent().toRealPath();
        if (!directory.startsWith(realBase)) {
            return Optional.of("output directory " + request.output().getParent() + " resolves to " + directory
                    + ", outside " + realBase);
        }
        return Optional.empty();
    }
}
