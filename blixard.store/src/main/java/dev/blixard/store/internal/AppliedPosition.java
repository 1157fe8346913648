package dev.blixard.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The log entry a SQLite file ends with, as its {@code _store_meta} row records it: written in the same
 * transaction as the entry's effects, so a copy of the file knows exactly which entry it is a snapshot of.
 */
record AppliedPosition(long term, long index) {

    /** Reads the position recorded in {@code file}, a copy made by {@link SqliteReplica#copyTo}. */
    static AppliedPosition of(Path file) throws IOException {
        // A data source, not DriverManager: inside OSGi the driver is not visible to java.sql's service lookup.
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection connection = source.getConnection();
                Statement query = connection.createStatement();
                ResultSet meta = query.executeQuery("SELECT applied_term, applied_index FROM _store_meta")) {
            if (!meta.next()) {
                throw new IOException("snapshot copy " + file + " has no applied position");
            }
            return new AppliedPosition(meta.getLong(1), meta.getLong(2));
        } catch (SQLException e) {
            throw new IOException("cannot read the applied position of " + file + ": " + e.getMessage(), e);
        }
    }
}
