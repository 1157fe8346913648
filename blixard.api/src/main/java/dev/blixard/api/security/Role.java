package dev.blixard.api.security;

import java.util.Locale;

/** What a token may do. Roles are not ordered: an admin may do everything, the others only their part. */
public enum Role {
    /** Submits jobs and reads, cancels and retries the jobs of its tenant. */
    CLIENT,
    /** Claims jobs, reports their status, registers and heartbeats workers. */
    WORKER,
    /** Everything, including tokens, workers and the cluster. */
    ADMIN;

    /** @return the role as written on the wire and in the command line, for example {@code client} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the role named {@code name} (any case)
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a role (client, worker or admin)");
    }
}
