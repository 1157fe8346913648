package dev.blixard.core.queue;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Violation;
import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.service.SubmitResult;
import dev.blixard.core.validation.SubmissionValidation;
import dev.blixard.store.Consistency;
import dev.blixard.store.Statement;
import dev.blixard.store.StatementFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Accepts submissions: validates them, resolves idempotency keys and dependencies, and inserts all of them
 * in one write. The rest (the SUBMITTED event, the counters, the ready queue, a dependency already failed)
 * follows from the insert inside the same transaction.
 */
public final class Submitter {
    /** A dependency on the n-th job of the same batch, whose id is not known before the submit. */
    public static final String BATCH_REFERENCE = "batch:";

    private final QueueContext context;
    private final SubmissionValidation validation;

    public Submitter(QueueContext context, SubmissionValidation validation) {
        this.context = context;
        this.validation = validation;
    }

    /** Submits all or none; see {@link dev.blixard.api.service.JobCommandService#submitBatch}. */
    public List<SubmitResult> submit(List<JobSubmission> submissions) {
        check(submissions);
        for (int round = 0; ; round++) {
            Consistency consistency = round == 0 ? Consistency.LOCAL : Consistency.LINEARIZABLE;
            Map<Integer, String> existing = anyIdempotencyKey(submissions)
                    ? context.database().read(consistency, connection -> knownKeys(connection, submissions))
                    : Map.of();
            Plan plan = plan(submissions, existing, consistency);
            if (plan.statements.isEmpty()) {
                return plan.results;
            }
            try {
                context.database().write(plan.statements);
                return plan.results;
            } catch (StatementFailedException e) {
                // Another submit with the same idempotency key won the race: read again and return its job.
                if (!e.isConstraintViolation() || round > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * {@link #submit} without waiting for the write: the stage completes once the jobs are replicated, and
     * every refusal comes through it.
     *
     * <p>Submissions that name jobs already in the queue (an idempotency key, a dependency outside the batch)
     * are submitted synchronously, on the caller's thread. Their write can lose a race (another submit of the
     * same key, a parent that went away) and is then planned again after a linearizable read, which waits.
     * The others cannot conflict with anything: fresh ids, and dependencies within the batch.
     */
    public CompletionStage<List<SubmitResult>> submitAsync(List<JobSubmission> submissions) {
        try {
            if (anyIdempotencyKey(submissions) || anyOutsideDependency(submissions)) {
                return CompletableFuture.completedFuture(submit(submissions));
            }
            check(submissions);
            Plan plan = plan(submissions, Map.of(), Consistency.LOCAL);
            return context.database().writeAsync(plan.statements).handle((written, failure) -> {
                if (failure != null) {
                    throw QueueDatabase.translate(failure);
                }
                return plan.results;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void check(List<JobSubmission> submissions) {
        if (submissions.isEmpty()) {
            throw new InvalidRequestException("jobs", "a batch needs at least one job");
        }
        validation.validate(submissions);
    }

    private Plan plan(List<JobSubmission> submissions, Map<Integer, String> existing, Consistency consistency) {
        long now = context.now();
        List<String> ids = new ArrayList<>(submissions.size());
        List<SubmitResult> results = new ArrayList<>(submissions.size());
        Map<String, String> keysInBatch = new HashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            JobSubmission submission = submissions.get(i);
            String known = existing.get(i);
            if (known == null && submission.idempotencyKey().isPresent()) {
                // The same key twice in one batch is the same job, like two submits.
                known = keysInBatch.get(submission.tenant() + '\u0000' + submission.idempotencyKey().get());
            }
            String id = known != null ? known : context.ids().next();
            ids.add(id);
            results.add(new SubmitResult(id, known == null));
            submission.idempotencyKey().ifPresent(key -> keysInBatch.putIfAbsent(submission.tenant() + '\u0000' + key, id));
        }
        List<List<String>> dependencies = resolveDependencies(submissions, ids, consistency);
        JobInserts inserts = new JobInserts();
        for (int i = 0; i < submissions.size(); i++) {
            if (results.get(i).created()) {
                inserts.add(ids.get(i), submissions.get(i), dependencies.get(i), now);
            }
        }
        return new Plan(inserts.statements(), results);
    }

    /** Replaces batch references by ids and checks that every dependency names a job that exists. */
    private List<List<String>> resolveDependencies(List<JobSubmission> submissions, List<String> ids,
            Consistency consistency) {
        List<Violation> violations = new ArrayList<>();
        List<List<String>> resolved = new ArrayList<>();
        List<String> external = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            List<String> parents = new ArrayList<>();
            List<String> dependsOn = submissions.get(i).dependsOn();
            for (int d = 0; d < dependsOn.size(); d++) {
                String parent = dependsOn.get(d);
                String field = field(submissions, i, "depends_on[" + d + "]");
                if (parent.startsWith(BATCH_REFERENCE)) {
                    int index = batchIndex(parent);
                    if (index < 0 || index >= i) {
                        // Only earlier jobs can be named, which is what keeps the graph acyclic.
                        violations.add(new Violation(field, "'" + parent + "' must name an earlier job of this batch"
                                + (index == i ? " (a job cannot depend on itself)" : "")));
                        continue;
                    }
                    parents.add(ids.get(index));
                } else {
                    parents.add(parent);
                    external.add(parent);
                }
            }
            resolved.add(parents);
        }
        if (!external.isEmpty()) {
            List<String> missing = context.database().read(consistency, connection -> missing(connection, external));
            for (int i = 0; i < submissions.size(); i++) {
                List<String> dependsOn = submissions.get(i).dependsOn();
                for (int d = 0; d < dependsOn.size(); d++) {
                    if (missing.contains(dependsOn.get(d))) {
                        violations.add(new Violation(field(submissions, i, "depends_on[" + d + "]"),
                                "job " + dependsOn.get(d) + " does not exist"));
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return resolved;
    }

    private static int batchIndex(String reference) {
        try {
            return Integer.parseInt(reference.substring(BATCH_REFERENCE.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String field(List<JobSubmission> submissions, int index, String field) {
        return submissions.size() == 1 ? field : "jobs[" + index + "]." + field;
    }

    private static boolean anyIdempotencyKey(List<JobSubmission> submissions) {
        for (JobSubmission submission : submissions) {
            if (submission.idempotencyKey().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOutsideDependency(List<JobSubmission> submissions) {
        for (JobSubmission submission : submissions) {
            for (String parent : submission.dependsOn()) {
                if (!parent.startsWith(BATCH_REFERENCE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return for each submission with an idempotency key already used in its tenant, that job's id */
    private static Map<Integer, String> knownKeys(Connection connection, List<JobSubmission> submissions)
            throws SQLException {
        Map<Integer, String> known = new HashMap<>();
        PreparedStatement query = null;
        try {
            for (int i = 0; i < submissions.size(); i++) {
                JobSubmission submission = submissions.get(i);
                if (submission.idempotencyKey().isEmpty()) {
                    continue;
                }
                if (query == null) {
                    query = connection.prepareStatement("SELECT id FROM jobs WHERE tenant = ? AND idempotency_key = ?");
                }
                query.setString(1, submission.tenant());
                query.setString(2, submission.idempotencyKey().get());
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        known.put(i, row.getString(1));
                    }
                }
            }
        } finally {
            if (query != null) {
                query.close();
            }
        }
        return known;
    }

    private static List<String> missing(Connection connection, List<String> ids) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM jobs WHERE id = ?")) {
            for (String id : ids) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        missing.add(id);
                    }
                }
            }
        }
        return missing;
    }

    private record Plan(List<Statement> statements, List<SubmitResult> results) {
    }
}
