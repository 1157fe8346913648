package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.blixard.store.Consistency;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The leader runs the reaper's reads every second, so none may walk a table that grows with the queue or its
 * history: SQLite's own query plans, on the real schema, search {@code jobs} and {@code events} by an index.
 */
public class ReaperQueryPlanTest {
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
