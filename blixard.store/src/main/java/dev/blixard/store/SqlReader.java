package dev.blixard.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A read of the local replica. The connection is read-only and only valid during the call; do not keep
 * it, its statements or result sets.
 *
 * @param <T> what the read produces
 */
@FunctionalInterface
public interface SqlReader<T> {

    T read(Connection connection) throws SQLException;
}
