package dev.blixard.core.security;

import dev.blixard.api.ConflictException;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.core.queue.QueueDatabase;
import dev.blixard.store.Consistency;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.Statement;
import dev.blixard.store.StatementFailedException;
import dev.blixard.store.StatementResult;
import dev.blixard.store.WriteResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tokens} rows: every value of a write (ids, hashes, times) is bound by the proposer, so apply is
 * the same on every node. Store failures come out as the API's errors ({@link QueueDatabase}): no leader is
 * {@link dev.blixard.api.UnavailableException}.
 */
final class TokenStore {
    private static final String INFO = "id, role, tenant, description, created_at";

    private final QueueDatabase database;

    private TokenStore(QueueDatabase database) {
        this.database = database;
    }

    /** Creates the table where missing and waits until this node's replica has it, so reads never miss it. */
    static TokenStore open(ReplicatedDatabase store, Duration writeTimeout) {
        QueueDatabase database = new QueueDatabase(store, writeTimeout);
        database.write(TokenSchema.creation().statements());
        // The write returns once the leader applied it; wait until this replica has too.
        database.awaitCurrent();
        return new TokenStore(database);
    }

    /** Stores a new token. */
    void insert(TokenInfo info, String sha256) {
        write(List.of(Statement.of("INSERT INTO tokens(" + INFO + ", sha256) VALUES (?, ?, ?, ?, ?, ?)", info.id(),
                info.role().wireName(), info.tenant(), info.description(), info.createdAt().toEpochMilli(), sha256)));
    }

    /**
     * Stores the token unless its id is taken, and reads the row of its id in the same transaction, so the
     * caller sees what the id holds now whether this call or an earlier one wrote it.
     */
    StoredToken insertIfAbsent(TokenInfo info, String sha256) {
        WriteResult result = write(List.of(
                Statement.of("INSERT INTO tokens(" + INFO + ", sha256) SELECT ?, ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM tokens WHERE id = ?)", info.id(), info.role().wireName(),
                        info.tenant(), info.description(), info.createdAt().toEpochMilli(), sha256, info.id()),
                Statement.of("SELECT " + INFO + ", sha256, revoked_at FROM tokens WHERE id = ?", info.id())));
        List<Object> row = result.result(1).rows().get(0);
        TokenInfo stored = info((String) row.get(0), (String) row.get(1), (String) row.get(2), (String) row.get(3),
                ((Number) row.get(4)).longValue());
        return new StoredToken(stored, (String) row.get(5), row.get(6) != null, result.result(0).rowsAffected() == 1);
    }

    /**
     * @return the active token with this hash: from this node's replica, and when it has none, from the group's
     *         latest state, so that a token just created through another member (or through this one, whose
     *         replica may lag the leader) works at once
     */
    Optional<TokenInfo> findActive(String sha256) {
        Optional<TokenInfo> local = findActive(sha256, Consistency.LOCAL);
        if (local.isPresent()) {
            return local;
        }
        try {
            return findActive(sha256, Consistency.LINEARIZABLE);
        } catch (UnavailableException noLeader) {
            // Without a leader nothing newer can be confirmed: the replica's answer stands.
            return local;
        }
    }

    private Optional<TokenInfo> findActive(String sha256, Consistency consistency) {
        return database.read(consistency, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + INFO + " FROM tokens WHERE sha256 = ? AND revoked_at IS NULL")) {
                query.setString(1, sha256);
                List<TokenInfo> found = infos(query);
                return found.stream().findFirst();
            }
        });
    }

    /**
     * Revokes the token and waits until this node's replica has the revoke too (the write returns once the
     * leader applied it), so that no read of this node finds the token active afterwards.
     *
     * @return whether an active token with this id was revoked now
     * @throws dev.blixard.api.UnavailableException when this replica cannot confirm it caught up; the revoke
     *         itself may have been applied
     */
    boolean revoke(String id, Instant at) {
        StatementResult result = write(List.of(Statement.of(
                "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.toEpochMilli(), id))).result(0);
        database.awaitCurrent();
        return result.rowsAffected() == 1;
    }

    /** @return the active tokens, oldest first, as the group has them now (an admin sees what they just did) */
    List<TokenInfo> active() {
        return database.read(Consistency.LINEARIZABLE, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + INFO + " FROM tokens WHERE revoked_at IS NULL ORDER BY created_at, id")) {
                return infos(query);
            }
        });
    }

    private WriteResult write(List<Statement> statements) {
        try {
            return database.write(statements);
        } catch (StatementFailedException e) {
            if (e.isConstraintViolation()) {
                // The only constraints are the unique id and the unique hash.
                throw new ConflictException("a token with this id or this secret exists already");
            }
            throw e;
        }
    }

    private static List<TokenInfo> infos(PreparedStatement query) throws SQLException {
        List<TokenInfo> infos = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                infos.add(info(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5)));
            }
        }
        return infos;
    }

    private static TokenInfo info(String id, String role, String tenant, String description, long createdAt) {
        return new TokenInfo(id, Role.fromWireName(role), tenant, description, Instant.ofEpochMilli(createdAt));
    }

    /**
     * A token's row.
     *
     * @param info what is public of it
     * @param sha256 the hash of its secret
     * @param revoked whether it was revoked
     * @param inserted whether the write that read it inserted it
     */
    record StoredToken(TokenInfo info, String sha256, boolean revoked, boolean inserted) {
    }
}
