package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.Page;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.security.Role;
import dev.blixard.api.service.ReadConsistency;
import dev.blixard.http.auth.Access;
import dev.blixard.http.json.FieldReader;
import dev.blixard.http.json.JobJson;
import dev.blixard.http.json.JobQueryParams;
import java.util.List;

/**
 * {@code /api/jobs}: listing, reading, cancelling and retrying jobs. A client sees and changes only jobs of
 * its own tenant ({@link Access}).
 */
final class JobResource {
    private final NodeServices services;

    JobResource(NodeServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/jobs", this::list, Role.CLIENT),
                Route.get("/jobs/{id}", call -> Reply.ok(JobJson.write(visibleJob(call))), Role.CLIENT),
                Route.post("/jobs/{id}/cancel", BodyRule.OPTIONAL_JSON, this::cancel, Role.CLIENT),
                Route.post("/jobs/{id}/retry", BodyRule.NONE, this::retry, Role.CLIENT));
    }

    /** {@code {"jobs": [...], "next_cursor": ...}}, from this node's replica. */
    private Reply list(ApiCall call) {
        JobQuery query = JobQueryParams.read(call.query(), requested -> Access.listingTenant(call.caller(), requested)
                .orElse(null));
        Page<Job> page = services.queries().list(query);
        ObjectNode body = JobJson.writeAll(page.items());
        body.put("next_cursor", page.nextCursor());
        return Reply.ok(body);
    }

    /** Cancels; the body may give a {@code reason}. */
    private Reply cancel(ApiCall call) {
        FieldReader in = call.optionalFields();
        String reason = null;
        if (in != null) {
            reason = in.text("reason");
            in.finish();
        }
        Job job = visibleJob(call);
        return Reply.ok(JobJson.write(services.commands().cancel(job.id(), reason)));
    }

    private Reply retry(ApiCall call) {
        Job job = visibleJob(call);
        return Reply.ok(JobJson.write(services.commands().retry(job.id())));
    }

    /**
     * Reads the job linearizably (a job submitted a moment ago on any node is found) and refuses a client of
     * another tenant.
     */
    private Job visibleJob(ApiCall call) {
        String id = call.param("id");
        Job job = services.queries().get(id, ReadConsistency.LINEARIZABLE)
                .orElseThrow(() -> new NotFoundException("job", id));
        Access.checkJob(call.caller(), job);
        return job;
    }
}
