package dev.blixard.core.queue;

import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.Page;
import dev.blixard.api.job.Job;
import dev.blixard.api.job.JobQuery;
import dev.blixard.api.job.JobSort;
import dev.blixard.api.job.JobStatus;
import dev.blixard.api.job.QueueStats;
import dev.blixard.api.job.SortOrder;
import dev.blixard.core.job.JobIds;
import dev.blixard.core.job.JobRows;
import dev.blixard.core.job.JsonText;
import dev.blixard.core.job.StoredJob;
import dev.blixard.core.schema.QueueSchema;
import dev.blixard.store.Consistency;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The queries of the queue: one job, pages of jobs, and the summary. */
public final class JobReads {
    private static final List<Duration> THROUGHPUT_WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));

    private final QueueContext context;

    public JobReads(QueueContext context) {
        this.context = context;
    }

    public Optional<Job> get(String jobId, Consistency consistency) {
        return Optional.ofNullable(context.database().read(consistency, connection -> JobRows.find(connection, jobId)))
                .map(StoredJob::job);
    }

    /**
     * A page in the query's order. Keyset paging: the cursor carries the last row's sort value and id, so a
     * page costs the same at any depth and rows added meanwhile do not shift pages.
     */
    public Page<Job> list(JobQuery query) {
        String column = switch (query.sort()) {
            case CREATED_AT -> "j.id";
            case UPDATED_AT -> "j.updated_at";
            case PRIORITY -> "j.priority";
        };
        boolean descending = query.order() == SortOrder.DESC;
        StringBuilder sql = new StringBuilder("SELECT ").append(JobRows.COLUMNS).append(" FROM jobs j WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            sql.append(" AND j.status IN (");
            for (JobStatus status : query.statuses()) {
                sql.append(parameters.isEmpty() ? "?" : ", ?");
                parameters.add(status.displayName());
            }
            sql.append(')');
        }
        query.tenant().ifPresent(tenant -> {
            sql.append(" AND j.tenant = ?");
            parameters.add(tenant);
        });
        query.workerType().ifPresent(type -> {
            sql.append(" AND (j.worker_types = '[]' OR EXISTS (SELECT 1 FROM json_each(j.worker_types) WHERE value = ?))");
            parameters.add(type);
        });
        if (query.cursor().isPresent()) {
            Cursor cursor = Cursor.decode(query.cursor().get(), query.sort());
            String comparison = descending ? "<" : ">";
            if (query.sort() == JobSort.CREATED_AT) {
                sql.append(" AND j.id ").append(comparison).append(" ?");
            } else {
                sql.append(" AND (").append(column).append(", j.id) ").append(comparison).append(" (?, ?)");
                parameters.add(cursor.value);
            }
            parameters.add(cursor.id);
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(column).append(direction);
        if (query.sort() != JobSort.CREATED_AT) {
            sql.append(", j.id").append(direction);
        }
        sql.append(" LIMIT ").append(query.limit() + 1);
        List<StoredJob> rows = context.database().read(Consistency.LOCAL, connection -> {
            List<StoredJob> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        found.add(JobRows.read(row));
                    }
                }
            }
            return found;
        });
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            StoredJob last = rows.get(rows.size() - 1);
            long value = query.sort() == JobSort.PRIORITY ? last.job().spec().priority()
                    : last.job().updatedAt().toEpochMilli();
            next = new Cursor(value, last.id()).encode(query.sort());
        }
        return new Page<>(rows.stream().map(StoredJob::job).toList(), next);
    }

    public QueueStats stats() {
        long now = context.now();
        return context.database().read(Consistency.LOCAL, connection -> stats(connection, now));
    }

    private static QueueStats stats(Connection connection, long now) throws SQLException {
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        Map<String, Map<JobStatus, Long>> byType = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT worker_types, status, n FROM job_counts WHERE n <> 0");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                JobStatus status = JobStatus.parse(row.getString(2));
                long n = row.getLong(3);
                byStatus.merge(status, n, Long::sum);
                List<String> types = JsonText.list(row.getString(1));
                for (String type : types.isEmpty() ? List.of(QueueStats.ANY_WORKER_TYPE) : types) {
                    byType.computeIfAbsent(type, t -> new EnumMap<>(JobStatus.class)).merge(status, n, Long::sum);
                }
            }
        }
        Duration oldest = null;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT min(id) FROM jobs WHERE status = 'Pending'"); ResultSet row = query.executeQuery()) {
            if (row.next() && row.getString(1) != null) {
                oldest = Duration.ofMillis(Math.max(0, now - JobIds.timestampOf(row.getString(1))));
            }
        }
        List<QueueStats.Throughput> throughput = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(sum(completed), 0), coalesce(sum(failed), 0) FROM throughput WHERE bucket >= ?")) {
            for (Duration window : THROUGHPUT_WINDOWS) {
                query.setLong(1, (now - window.toMillis()) / QueueSchema.THROUGHPUT_BUCKET_MS);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    throughput.add(new QueueStats.Throughput(window, row.getLong(1), row.getLong(2)));
                }
            }
        }
        Map<String, Map<JobStatus, Long>> copied = new TreeMap<>();
        byType.forEach((type, counts) -> copied.put(type, Map.copyOf(counts)));
        return new QueueStats(byStatus, copied, oldest, throughput, Instant.ofEpochMilli(now));
    }

    /** A page boundary: the last row's sort value and id. */
    private record Cursor(long value, String id) {

        String encode(JobSort sort) {
            String text = sort.name() + ':' + value + ':' + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, JobSort sort) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
                if (parts.length != 3 || !parts[0].equals(sort.name())) {
                    throw new IllegalArgumentException("cursor of another query");
                }
                return new Cursor(Long.parseLong(parts[1]), parts[2]);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("cursor", "is not a cursor this query returned");
            }
        }
    }
}
