package dev.blixard.store.internal;

import dev.blixard.store.Statement;
import dev.blixard.store.StatementResult;
import dev.blixard.store.StoreException;
import dev.blixard.store.StoreUnavailableException;
import dev.blixard.store.SqlReader;
import dev.blixard.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's SQLite file: one connection that applies log entries (only the Raft apply thread uses it)
 * and a small pool of read-only connections for queries, which WAL mode lets run beside the apply.
 *
 * <p>The index of the last applied entry is stored in the same transaction as the entry's effects, so
 * after a crash the file itself says where replay must resume: entries at or below it are skipped, never
 * applied twice.
 */
final class SqliteReplica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteReplica.class);
    private static final Pattern INSERT = Pattern.compile("^\\s*(insert|replace)\\b", Pattern.CASE_INSENSITIVE);
    private static final int STATEMENT_CACHE = 256;
    /**
     * Every 100 ms, so that each checkpoint is short: its sync of the database file holds up the Raft log's
     * sync of the writes behind it (one file system). Once a second, each copied ten times as much, and 200
     * concurrent submits waited behind it: p99 37.9 ms at 1,900 submits/s, against 7.0 ms at 100 ms. Single
     * claims one after another, which meet each stall only once, did better once a second (claim p99 1.5 ms
     * against 3.6 with 1,000,000 jobs pending); both are within their targets at 100 ms.
     */
    private static final long CHECKPOINT_PERIOD_MS = 100;
    /**
     * The log is restarted once it holds this many frames (32 MiB of 4 KiB pages; see {@link WalCheckpointer}).
     * At 1,900 single submits/s that is about once a second, and the writer's share of it (copying what the
     * checkpointer left, and two syncs) took 3 ms at the median.
     */
    private static final int WAL_RESTART_FRAMES = 8192;
    /** A log that outgrew this (a long read held its frames) is cut back to it when it restarts. */
    private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;
    /** The writer's memory map of the file; readers have none (see {@link #connect}). */
    private static final long WRITER_MMAP_BYTES = 256L * 1024 * 1024;
    /** A backup step that finds the source or the target locked waits this long before it tries again… */
    private static final int BACKUP_BUSY_SLEEP_MS = 100;
    /** …this many times, then fails. */
    private static final int BACKUP_BUSY_RETRIES = 50;
    /** The number of pages that makes a backup step copy the whole database. */
    private static final int BACKUP_ALL_PAGES = -1;

    private final Path file;
    private final int readConnections;
    private final int walRestartFrames;
    private Connection writer;
    private PreparedStatement lastRowId;
    private PreparedStatement recordApplied;
    /** Transaction control, prepared once: apply runs these for every entry and every batch. */
    private PreparedStatement begin;
    private PreparedStatement finishCheckpoint;
    private PreparedStatement commit;
    private PreparedStatement rollback;
    private PreparedStatement savepoint;
    private PreparedStatement release;
    private PreparedStatement rollbackToSavepoint;
    /**
     * Volatile, and read without this replica's lock: apply holds the lock for a whole log entry (tens of
     * milliseconds for a thousand jobs), and WAL mode lets reads run beside it.
     */
    private volatile BlockingQueue<ReaderStatements> readers;
    private WalCheckpointer checkpointer;
    private final Map<String, CachedStatement> statements = new LinkedHashMap<>(STATEMENT_CACHE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedStatement> eldest) {
            if (size() > STATEMENT_CACHE) {
                closeQuietly(eldest.getValue().prepared());
                return true;
            }
            return false;
        }
    };

    /** A prepared statement of the writer, and whether it inserts (so its row id is a generated key). */
    private record CachedStatement(PreparedStatement prepared, boolean inserts) {
    }
    private long appliedIndex;
    private long appliedTerm;

    SqliteReplica(Path file, int readConnections) {
        this(file, readConnections, WAL_RESTART_FRAMES);
    }

    /** @param walRestartFrames how long the write-ahead log may grow before it is restarted */
    SqliteReplica(Path file, int readConnections, int walRestartFrames) {
        this.file = file;
        this.readConnections = readConnections;
        this.walRestartFrames = walRestartFrames;
    }

    /**
     * Opens (or creates) the file and reads where apply stands. A file SQLite reports as corrupt or as no
     * database is set aside (renamed {@code blixard.db.corrupt-<millis>}) and an empty replica is opened in its
     * place: it is a copy of the log's effect, so the latest snapshot and the log (Ratis replays them from
     * there, or the leader sends them) rebuild it, and nothing is lost that the group acknowledged.
     */
    synchronized void open() throws IOException {
        try {
            openFile();
        } catch (SQLException e) {
            close();
            if (!isCorrupt(e)) {
                throw new IOException("cannot open SQLite file " + file + ": " + e.getMessage(), e);
            }
            Path aside = setAside();
            LOG.error("SQLite replica {} is damaged ({}); moved it to {} and rebuilding it from the snapshot and the"
                    + " log", file, e.getMessage(), aside);
            try {
                openFile();
            } catch (SQLException again) {
                close();
                throw new IOException("cannot open SQLite file " + file + ": " + again.getMessage(), again);
            }
        }
    }

    private static boolean isCorrupt(SQLException e) {
        if (!(e instanceof SQLiteException)) {
            return false;
        }
        int primary = ((SQLiteException) e).getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    /** Renames the file and its WAL files out of the way, keeping them for a post-mortem. */
    private Path setAside() throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
        Files.move(file, aside);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sibling = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(sibling)) {
                Files.move(sibling, aside.resolveSibling(aside.getFileName() + suffix));
            }
        }
        return aside;
    }

    private void openFile() throws IOException, SQLException {
        Files.createDirectories(file.getParent());
        writer = connect(false);
        try (java.sql.Statement setup = writer.createStatement()) {
            setup.execute("CREATE TABLE IF NOT EXISTS _store_meta (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    + "applied_index INTEGER NOT NULL, applied_term INTEGER NOT NULL)");
            setup.execute("INSERT OR IGNORE INTO _store_meta (id, applied_index, applied_term) VALUES (1, 0, 0)");
        }
        // Checkpoints run beside apply, not inside the commit that happens to fill the log (WalCheckpointer).
        try (java.sql.Statement pragma = writer.createStatement()) {
            pragma.execute("PRAGMA wal_autocheckpoint=0");
            pragma.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT_BYTES);
        }
        Connection checkpoints = connect(false);
        checkpoints.setAutoCommit(true);
        checkpointer = WalCheckpointer.start(checkpoints, file.toString(), CHECKPOINT_PERIOD_MS, walRestartFrames);
        finishCheckpoint = writer.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)");
        refuseNonDeterministicFunctions(writer);
        lastRowId = writer.prepareStatement("SELECT last_insert_rowid()");
        recordApplied = writer.prepareStatement("UPDATE _store_meta SET applied_index = ?, applied_term = ? WHERE id = 1");
        begin = writer.prepareStatement("BEGIN IMMEDIATE");
        commit = writer.prepareStatement("COMMIT");
        rollback = writer.prepareStatement("ROLLBACK");
        savepoint = writer.prepareStatement("SAVEPOINT batch");
        release = writer.prepareStatement("RELEASE batch");
        rollbackToSavepoint = writer.prepareStatement("ROLLBACK TO batch");
        try (java.sql.Statement query = writer.createStatement();
                ResultSet meta = query.executeQuery("SELECT applied_index, applied_term FROM _store_meta")) {
            meta.next();
            appliedIndex = meta.getLong(1);
            appliedTerm = meta.getLong(2);
        }
        readers = new ArrayBlockingQueue<>(readConnections);
        for (int i = 0; i < readConnections; i++) {
            readers.add(new ReaderStatements(connect(true)));
        }
    }

    /** @return how many times the checkpointer found the write-ahead log started over */
    synchronized long walRestarts() {
        WalCheckpointer current = checkpointer;
        return current == null ? 0 : current.restartsSeen();
    }

    synchronized long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Applies the batches of one log entry as one SQLite transaction, in which a failing batch is rolled back
     * alone, identically on every node.
     *
     * <p>Batches first run without savepoints: almost every entry applies without a failure, and a savepoint
     * around a batch makes SQLite copy every page each statement changes into its statement journal again
     * (1,000 updates in one savepoint cost 47 µs each, against 28 without). Only when a statement fails is
     * the entry rolled back and applied again with each batch in a savepoint of its own, which gives the
     * same outcomes the first pass would have given had it used them.
     */
    synchronized List<BatchOutcome> apply(List<WriteBatch> batches, long term, long index) throws IOException {
        if (index <= appliedIndex) {
            List<BatchOutcome> skipped = new ArrayList<>(batches.size());
            batches.forEach(batch -> skipped.add(BatchOutcome.SKIPPED));
            return skipped;
        }
        List<BatchOutcome> outcomes;
        try {
            restartLogIfDue();
            begin.execute();
            outcomes = applyWithoutFailures(batches);
            if (outcomes == null) {
                rollback.execute();
                begin.execute();
                outcomes = new ArrayList<>(batches.size());
                for (WriteBatch batch : batches) {
                    outcomes.add(applyInSavepoint(batch));
                }
            }
            recordApplied.setLong(1, index);
            recordApplied.setLong(2, term);
            recordApplied.executeUpdate();
            commit.execute();
            checkpointer.written();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IOException("SQLite failed to commit log entry " + index + " in " + file + ": " + e.getMessage(), e);
        }
        appliedIndex = index;
        appliedTerm = term;
        return outcomes;
    }

    /**
     * Copies what the checkpointer left of a long log, when it asks for that: the writer's next transaction
     * then finds the log copied whole and starts it over from the beginning of the file (see
     * {@link WalCheckpointer}). A reader still inside the old log makes SQLite skip the restart; the
     * checkpointer asks again. A failed copy is only logged: the entry about to be applied does not depend on
     * it, and the background checkpoints go on.
     */
    private void restartLogIfDue() {
        if (!checkpointer.takeRestart()) {
            return;
        }
        long started = System.nanoTime();
        try (ResultSet result = finishCheckpoint.executeQuery()) {
            if (result.next() && LOG.isDebugEnabled()) {
                LOG.debug("{}: checkpointed {} of {} WAL frames in {} µs to restart the log", file, result.getInt(3),
                        result.getInt(2), (System.nanoTime() - started) / 1000);
            }
        } catch (SQLException e) {
            LOG.warn("{}: could not finish a checkpoint to restart the write-ahead log (asked again later): {}", file,
                    e.getMessage());
        }
    }

    /**
     * @return every batch's outcome, or {@code null} as soon as a statement fails (the transaction then holds
     *         the batches before it and part of the failing one, and must be rolled back)
     */
    private List<BatchOutcome> applyWithoutFailures(List<WriteBatch> batches) {
        List<BatchOutcome> outcomes = new ArrayList<>(batches.size());
        for (WriteBatch batch : batches) {
            List<StatementResult> results = new ArrayList<>(batch.statements().size());
            for (Statement statement : batch.statements()) {
                try {
                    results.add(run(statement));
                } catch (SQLException e) {
                    return null;
                }
            }
            outcomes.add(BatchOutcome.applied(results));
        }
        return outcomes;
    }

    /** Advances the applied index for an entry that changes no table. */
    synchronized void recordApplied(long term, long index) throws IOException {
        if (index <= appliedIndex) {
            return;
        }
        try {
            restartLogIfDue();
            recordApplied.setLong(1, index);
            recordApplied.setLong(2, term);
            recordApplied.executeUpdate();
            checkpointer.written();
        } catch (SQLException e) {
            throw new IOException("SQLite failed to record index " + index + " in " + file + ": " + e.getMessage(), e);
        }
        appliedIndex = index;
        appliedTerm = term;
    }

    private BatchOutcome applyInSavepoint(WriteBatch batch) throws SQLException {
        savepoint.execute();
        List<StatementResult> results = new ArrayList<>(batch.statements().size());
        for (int i = 0; i < batch.statements().size(); i++) {
            Statement statement = batch.statements().get(i);
            try {
                results.add(run(statement));
            } catch (SQLException e) {
                rollbackToSavepoint.execute();
                release.execute();
                return BatchOutcome.failed(new BatchOutcome.Failure(i, resultCode(e), e.getMessage()));
            }
        }
        release.execute();
        return BatchOutcome.applied(results);
    }

    private StatementResult run(Statement statement) throws SQLException {
        CachedStatement cached = statements.get(statement.sql());
        if (cached == null) {
            cached = new CachedStatement(writer.prepareStatement(statement.sql()), INSERT.matcher(statement.sql()).find());
            statements.put(statement.sql(), cached);
        }
        PreparedStatement prepared = cached.prepared();
        prepared.clearParameters();
        List<Object> parameters = statement.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            bind(prepared, p + 1, parameters.get(p));
        }
        if (prepared.execute()) {
            try (ResultSet rows = prepared.getResultSet()) {
                List<String> columns = columns(rows.getMetaData());
                List<List<Object>> values = rows(rows, columns.size());
                return new StatementResult(values.size(), insertKey(cached, values.size()), columns, values);
            }
        }
        long affected = Math.max(0, prepared.getUpdateCount());
        return new StatementResult(affected, insertKey(cached, affected), List.of(), List.of());
    }

    private List<Long> insertKey(CachedStatement statement, long affected) throws SQLException {
        if (affected == 0 || !statement.inserts()) {
            return List.of();
        }
        try (ResultSet key = lastRowId.executeQuery()) {
            key.next();
            return List.of(key.getLong(1));
        }
    }

    /** Runs a read in a read-only transaction, so every statement of the reader sees the same state. */
    <T> T read(SqlReader<T> reader) {
        BlockingQueue<ReaderStatements> pool = readers;
        if (pool == null) {
            throw new StoreUnavailableException("SQLite replica " + file + " is closed");
        }
        ReaderStatements connection;
        try {
            connection = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection to " + file);
        }
        try {
            return reader.read(connection.connection());
        } catch (SQLException e) {
            throw new StoreException("read of " + file + " failed: " + e.getMessage(), e);
        } finally {
            try {
                connection.releaseAll();
                connection.raw().rollback();
            } catch (SQLException e) {
                LOG.warn("Could not end a read transaction on {}: {}", file, e.getMessage());
            }
            pool.add(connection);
        }
    }

    /**
     * Writes a consistent copy of the database to {@code target} (a new or empty file) and tells which log entry
     * it ends with. Uses a connection of its own and does not hold this replica's lock: in WAL mode the copy
     * reads one committed state while apply goes on, so a snapshot costs apply nothing. The caller keeps the
     * replica open meanwhile (see {@link BackgroundSnapshots}).
     *
     * <p>SQLite's online backup copies the pages as they are, in one step: a backup in several steps starts
     * over whenever another connection writes, which under load is always. It replaced {@code VACUUM INTO},
     * which rebuilt every table and index of the copy row by row: for a database of 1.25 GB, 4.8 s of CPU
     * against 2.6 s (docs/benchmarks.md). The copy keeps the free pages a vacuum would drop, a few per cent.
     *
     * @return the term and index of the last entry the copy holds
     */
    AppliedPosition copyTo(Path target) throws IOException {
        try (Connection copier = connect(true)) {
            int result = copier.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", target.toString(), null, BACKUP_BUSY_SLEEP_MS, BACKUP_BUSY_RETRIES, BACKUP_ALL_PAGES);
            if (result != SQLiteErrorCode.SQLITE_OK.code) {
                throw new IOException("cannot copy " + file + " to snapshot " + target + ": SQLite result "
                        + SQLiteErrorCode.getErrorCode(result));
            }
        } catch (SQLException e) {
            throw new IOException("cannot copy " + file + " to snapshot " + target + ": " + e.getMessage(), e);
        }
        return AppliedPosition.of(target);
    }

    /** Replaces the database with a copy made by {@link #copyTo}, and reopens it. */
    synchronized void replaceWith(Path snapshot) throws IOException {
        close();
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        Files.copy(snapshot, file, StandardCopyOption.REPLACE_EXISTING);
        open();
        LOG.info("SQLite replica {} restored from {} (applied index {})", file, snapshot, appliedIndex);
    }

    @Override
    public synchronized void close() {
        if (checkpointer != null) {
            checkpointer.close();
            checkpointer = null;
        }
        statements.values().forEach(cached -> closeQuietly(cached.prepared()));
        statements.clear();
        for (PreparedStatement own : new PreparedStatement[] {lastRowId, recordApplied, begin, finishCheckpoint, commit,
                rollback, savepoint, release, rollbackToSavepoint}) {
            closeQuietly(own);
        }
        if (readers != null) {
            readers.forEach(reader -> {
                reader.close();
                closeQuietly(reader.raw());
            });
            readers = null;
        }
        closeQuietly(writer);
        writer = null;
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // Durability comes from the Raft log: an entry lost from SQLite by a power cut is replayed from it.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        // SQLite's default page cache is 2 MiB: a queue of a few hundred thousand jobs then lives in the OS
        // cache and every apply pays system calls for its index pages. The writer keeps a large cache and a
        // memory map of its own. Readers get neither: a read transaction that finds the database changed since
        // the connection's last one drops its page cache and unmaps the whole file (pagerBeginReadTransaction),
        // and under a steady stream of writes that is nearly every read. Each read then paid munmap's TLB
        // shootdown and a page fault per page it touched: in HTTP singles under wrk, half the node's CPU was in
        // the kernel and singles fell to 2,900/s; reading those pages with pread instead gave 7,400-8,500/s.
        config.setCacheSize(readOnly ? -8 * 1024 : -64 * 1024);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, readOnly ? "0" : String.valueOf(WRITER_MMAP_BYTES));
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // The driver would run (and prepare anew) SELECT last_insert_rowid() after every INSERT; apply asks for
        // the row id itself, with a statement prepared once.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection connection = source.getConnection();
        // The writer manages its transactions explicitly; readers get one transaction per read.
        connection.setAutoCommit(!readOnly);
        return connection;
    }

    /** Defence in depth behind {@link DeterminismGuard}: SQLite itself refuses random sources during apply. */
    private static void refuseNonDeterministicFunctions(Connection connection) throws SQLException {
        Function refuse = new Function() {
            @Override
            protected void xFunc() throws SQLException {
                throw new SQLException("non-deterministic function refused during replicated apply");
            }
        };
        Function.create(connection, "random", refuse, 0, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "randomblob", refuse, 1, Function.FLAG_DETERMINISTIC);
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed commit of {} failed too: {}", file, e.getMessage());
        }
    }

    private static void bind(PreparedStatement statement, int position, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(position, java.sql.Types.NULL);
        } else if (value instanceof Long) {
            statement.setLong(position, (Long) value);
        } else if (value instanceof Double) {
            statement.setDouble(position, (Double) value);
        } else if (value instanceof String) {
            statement.setString(position, (String) value);
        } else {
            statement.setBytes(position, (byte[]) value);
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>(meta.getColumnCount());
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        return columns;
    }

    private static List<List<Object>> rows(ResultSet rows, int columnCount) throws SQLException {
        List<List<Object>> values = new ArrayList<>();
        while (rows.next()) {
            List<Object> row = new ArrayList<>(columnCount);
            for (int c = 1; c <= columnCount; c++) {
                Object value = rows.getObject(c);
                row.add(value instanceof Integer ? Long.valueOf((Integer) value) : value);
            }
            values.add(row);
        }
        return values;
    }

    private static int resultCode(SQLException e) {
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            return code == null ? e.getErrorCode() : code.code;
        }
        return e.getErrorCode();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed: {}", closeable, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SqliteReplica[" + file + ", applied " + appliedIndex + "]";
    }
}
