package dev.blixard.http.problem;

/**
 * The kinds of error the REST API answers with: each has one HTTP status, a stable {@code type} URI that
 * clients may switch on, and a title. The OpenAPI document lists the same types.
 */
public enum ProblemKind {
    BAD_REQUEST(400, "bad-request", "Malformed request"),
    UNAUTHORIZED(401, "unauthorized", "Missing or invalid bearer token"),
    FORBIDDEN(403, "forbidden", "Not allowed for this caller"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    INVALID_REQUEST(422, "invalid-request", "Invalid request"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    /** Where the problem types are named; the part after it is the kind's slug. */
    public static final String TYPE_PREFIX = "https://blixard.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** @return the problem's {@code type} URI */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** @return a problem of this kind with {@code detail} */
    public HttpProblem problem(String detail) {
        return new HttpProblem(this, detail);
    }
}
