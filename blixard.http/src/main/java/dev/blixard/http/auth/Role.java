package dev.blixard.http.auth;

/** What a caller of the REST API may do, decided by its token. */
public enum Role {
    /** Submits jobs and reads, cancels and retries the jobs of its tenant. */
    CLIENT,
    /** Claims jobs, reports their status, registers itself and heartbeats. */
    WORKER,
    /** Everything, across tenants. */
    ADMIN
}
