package dev.blixard.core.queue;

import dev.blixard.api.worker.WorkerStatus;
import dev.blixard.core.job.JsonText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A claiming worker's share of the claimable jobs when other live workers compete for the same types.
 *
 * <p>Claims plan on the local replica and apply as compare-and-sets, so workers that all plan the head of the
 * queue collide: one wins, the others' writes change nothing but still travel through the log to every
 * member. On a follower, whose replica trails the leader's, that was the rule rather than the exception (in a
 * three-node run, two thirds of the planned claims lost). So each of {@code k} competing workers, by its rank
 * among them, plans its own {@code 1/k} slice of the candidates first and takes at most a slice. Slices are
 * cut from the candidates as each plan reads them: jobs left in the slice of a worker that is full or slow are
 * split again among all at the next claim, and a short list (at most {@link #UNSPLIT} jobs) is not split.
 */
record ClaimShare(int rank, int competitors) {
    /** Candidates up to which a list is offered whole: splitting a handful only costs rounds. */
    static final int UNSPLIT = 8;
    static final ClaimShare ALONE = new ClaimShare(0, 1);

    private static final String LIVE_WORKERS = "SELECT id, worker_types FROM workers WHERE status = '"
            + WorkerStatus.ACTIVE.name() + "' AND last_heartbeat_at >= ?";

    /**
     * @param types      the worker types of the claim; empty for a worker that takes any type
     * @param aliveSince workers silent since before this time do not compete
     */
    static ClaimShare of(Connection connection, String workerId, List<String> types, long aliveSince)
            throws SQLException {
        List<String> competitors = new ArrayList<>();
        competitors.add(workerId);
        try (PreparedStatement query = connection.prepareStatement(LIVE_WORKERS)) {
            query.setLong(1, aliveSince);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String id = row.getString(1);
                    if (!id.equals(workerId) && overlap(types, JsonText.list(row.getString(2)))) {
                        competitors.add(id);
                    }
                }
            }
        }
        if (competitors.size() == 1) {
            return ALONE;
        }
        Collections.sort(competitors);
        return new ClaimShare(competitors.indexOf(workerId), competitors.size());
    }

    /** A worker of no types takes any job, so it competes with every worker. */
    private static boolean overlap(List<String> mine, List<String> theirs) {
        return mine.isEmpty() || theirs.isEmpty() || !Collections.disjoint(mine, theirs);
    }

    /** @return the most jobs this worker takes of {@code candidates} when it wants {@code max} */
    int limit(int candidates, int max) {
        return split(candidates) ? Math.min(max, slice(candidates)) : max;
    }

    /** @return the candidates in the order this worker plans them: its slice first, then the rest in order */
    <T> List<T> order(List<T> candidates) {
        if (!split(candidates.size())) {
            return candidates;
        }
        int start = Math.min(candidates.size(), rank * slice(candidates.size()));
        List<T> ordered = new ArrayList<>(candidates.size());
        ordered.addAll(candidates.subList(start, candidates.size()));
        ordered.addAll(candidates.subList(0, start));
        return ordered;
    }

    private boolean split(int candidates) {
        return competitors > 1 && candidates > UNSPLIT;
    }

    private int slice(int candidates) {
        return (candidates + competitors - 1) / competitors;
    }
}
