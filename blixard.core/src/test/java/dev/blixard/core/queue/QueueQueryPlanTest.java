package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.store.Consistency;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The queue's frequent reads (the leader's reaper every second, every claim) may not walk a table that grows
 * with the queue or its history: SQLite's own query plans, on the real schema, search by an index.
 */
public class QueueQueryPlanTest {
    @ClassRule
    public static final QueueFixture QUEUE = new QueueFixture();

    @Test
    public void theTrimCheckReadsTheEventLogsEndsByItsKey() {
        List<String> plan = plan(Reaper.TRIM_DUE, 3);
        assertEquals(plan.toString(), 2, plan.stream().filter(step -> step.equals("SEARCH events")).count());
        // stop_requests holds only the undelivered stops of the last ten minutes.
        assertOnlySearches(plan, "SCAN stop_requests");
    }

    @Test
    public void leaseReadsUseTheLeaseIndexes() {
        assertOnlySearches(plan(Reaper.LAPSED_LEASES, 2));
        assertOnlySearches(plan(Reaper.HELD_LEASES, 2));
    }

    @Test
    public void aClaimReadsItsCandidatesFromTheReadyQueueKeyFirst() {
        List<String> plan = plan(Claimer.CANDIDATES, 3);
        // In queue order straight from the key: no sort of the whole range before the limit applies.
        assertEquals(plan.toString(), "SEARCH r USING PRIMARY KEY (worker_type=?)", plan.get(0));
        assertEquals(plan.toString(), 2, plan.size());
        assertTrue(plan.toString(), plan.get(1).startsWith("SEARCH j USING "));
    }

    private static void assertOnlySearches(List<String> plan, String... allowedScans) {
        List<String> allowed = new ArrayList<>(List.of(allowedScans));
        allowed.add("SCAN CONSTANT ROW");
        assertFalse(plan.toString(), plan.stream().anyMatch(step -> step.startsWith("SCAN ") && !allowed.contains(step)));
    }

    private static List<String> plan(String sql, int parameters) {
        return QUEUE.queue().context().database().read(Consistency.LOCAL, connection -> {
            try (PreparedStatement query = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 1; i <= parameters; i++) {
                    query.setLong(i, 0);
                }
                List<String> steps = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        steps.add(row.getString("detail"));
                    }
                }
                return steps;
            }
        });
    }
}
