package dev.blixard.http.auth;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.security.Role;
import dev.blixard.http.problem.ProblemKind;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what: the one place that decides 403s. The dispatcher asks {@link #checkRole} for every
 * route; handlers that touch jobs ask the tenant checks, because only they know the job's tenant.
 *
 * <p>Tenant rules: a client acts in its bound tenant (the default tenant when its token names none). It
 * submits, lists, reads, cancels and retries only jobs of that tenant; a submission without a tenant
 * takes it. Workers and admins are not scoped.
 */
public final class Access {

    private Access() {
    }

    /** Refuses (403) unless the caller is an admin or has one of {@code allowed}. */
    public static void checkRole(Caller caller, Set<Role> allowed) {
        if (caller.role() != Role.ADMIN && !allowed.contains(caller.role())) {
            throw ProblemKind.FORBIDDEN.problem("a " + caller.role().wireName() + " token may not call this; allowed: "
                    + (allowed.isEmpty() ? "admin" : allowed.toString().toLowerCase(Locale.ROOT) + " and admin"));
        }
    }

    /**
     * @param requested the tenant the submission names, or {@code null}
     * @return the tenant to submit in: a client's own; an unscoped caller's request, else its bound
     *         tenant, else {@code null} for the API's default
     */
    public static String submissionTenant(Caller caller, String requested) {
        return scopedTenant(caller, requested).orElse(caller.tenant());
    }

    /**
     * @param requested the tenant a listing asks for, or {@code null} for all
     * @return the tenant to filter on: a client's own, whatever it asked for; an unscoped caller's request
     */
    public static Optional<String> listingTenant(Caller caller, String requested) {
        return scopedTenant(caller, requested);
    }

    /** Refuses (403) a client whose tenant is not the job's. */
    public static void checkJob(Caller caller, Job job) {
        tenantScope(caller).ifPresent(own -> {
            if (!own.equals(job.tenant())) {
                throw ProblemKind.FORBIDDEN.problem("job " + job.id() + " belongs to another tenant");
            }
        });
    }

    private static Optional<String> scopedTenant(Caller caller, String requested) {
        Optional<String> own = tenantScope(caller);
        if (own.isEmpty()) {
            return Optional.ofNullable(requested);
        }
        if (requested != null && !requested.equals(own.get())) {
            throw ProblemKind.FORBIDDEN.problem("tenant '" + requested + "' is not this token's tenant");
        }
        return own;
    }

    /**
     * @return the only tenant the caller may see: a client's own (the default tenant when its token names
     *         none), empty for workers and admins, who see every tenant
     */
    public static Optional<String> tenantScope(Caller caller) {
        if (caller.role() != Role.CLIENT) {
            return Optional.empty();
        }
        return Optional.of(caller.boundTenant().orElse(JobSubmission.DEFAULT_TENANT));
    }
}
