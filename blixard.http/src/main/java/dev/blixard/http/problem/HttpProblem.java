package dev.blixard.http.problem;

import dev.blixard.api.Violation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error the REST layer itself finds (a malformed body, a missing token, an unknown route), thrown from
 * wherever it is found and answered as {@code application/problem+json} by the dispatcher. Like the API's
 * exceptions, it is thrown before anything changed.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemKind kind;
    private final transient List<Violation> violations;
    private final transient Map<String, String> headers;

    HttpProblem(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    private HttpProblem(ProblemKind kind, String detail, List<Violation> violations, Map<String, String> headers) {
        // No stack trace: these are expected answers, not bugs, and they are never logged with one.
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    /** @return a copy that also names the offending fields */
    public HttpProblem withViolations(List<Violation> violations) {
        return new HttpProblem(kind, getMessage(), violations, headers);
    }

    /** @return a copy that also sets a response header, for example {@code Allow} */
    public HttpProblem withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpProblem(kind, getMessage(), violations, more);
    }

    public ProblemKind kind() {
        return kind;
    }

    /** @return the problem's detail, a sentence for the caller */
    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    /** @return headers to send with the problem */
    public Map<String, String> headers() {
        return headers;
    }
}
