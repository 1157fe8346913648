package dev.blixard.http.rest;

/** What a route expects of the request body, and which size limit applies to it. */
public enum BodyRule {
    /** No body is read. */
    NONE,
    /** A JSON body may be sent (for example a cancel's reason); an empty body is fine. */
    OPTIONAL_JSON,
    /** A JSON body is required, within the single-request limit. */
    JSON,
    /** A JSON body is required, within the (larger) batch limit. */
    BATCH_JSON
}
