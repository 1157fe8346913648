package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;

import dev.blixard.api.job.JobSubmission;
import dev.blixard.store.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

/** How a submit's new jobs are split into insert statements. */
public class JobInsertsTest {
    private static final int PARAMETERS_PER_ROW = 21;

    @Test
    public void statementsTakeTheLargestRowCountsFirst() {
        assertEquals(List.of(), rowCounts(0));
        assertEquals(List.of(1), rowCounts(1));
        assertEquals(List.of(4, 1, 1, 1), rowCounts(7));
        assertEquals(List.of(64, 16, 16, 4), rowCounts(100));
        List<Integer> thousand = new ArrayList<>(Collections.nCopies(15, 64));
        thousand.addAll(List.of(16, 16, 4, 4));
        assertEquals(thousand, rowCounts(1000));
    }

    @Test
    public void everyJobIsInsertedOnceInTheOrderAdded() {
        JobInserts inserts = new JobInserts();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 87; i++) {
            ids.add("job-" + i);
            inserts.add("job-" + i, JobSubmission.builder("{}").build(), List.of(), 1_000L);
        }

        List<String> inserted = new ArrayList<>();
        for (Statement statement : inserts.statements()) {
            for (int p = 0; p < statement.parameters().size(); p += PARAMETERS_PER_ROW) {
                inserted.add((String) statement.parameters().get(p));
            }
        }

        assertEquals(ids, inserted);
    }

    @Test
    public void eachStatementHasAPlaceholderForEveryParameter() {
        JobInserts inserts = new JobInserts();
        for (int i = 0; i < 85; i++) {
            inserts.add("job-" + i, JobSubmission.builder("{}").build(), List.of(), 1_000L);
        }

        for (Statement statement : inserts.statements()) {
            assertEquals(statement.sql().chars().filter(c -> c == '?').count(), statement.parameters().size());
        }
    }

    private static List<Integer> rowCounts(int jobs) {
        JobInserts inserts = new JobInserts();
        for (int i = 0; i < jobs; i++) {
            inserts.add("job-" + i, JobSubmission.builder("{}").build(), List.of(), 1_000L);
        }
        List<Integer> counts = new ArrayList<>();
        for (Statement statement : inserts.statements()) {
            counts.add(statement.parameters().size() / PARAMETERS_PER_ROW);
        }
        return counts;
    }
}
