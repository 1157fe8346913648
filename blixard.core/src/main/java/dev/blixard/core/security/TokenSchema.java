package dev.blixard.core.security;

import dev.blixard.store.Statement;
import dev.blixard.store.WriteBatch;

/**
 * The {@code tokens} table of the replicated database. A row keeps a token's SHA-256, never its secret: a copy
 * of the database (a snapshot, a backup, a member's data directory) lets no one in. A revoked token keeps its
 * row, with {@code revoked_at} set, so its id and hash are never handed out again.
 *
 * <p>Times are epoch milliseconds of the proposer's clock. Every statement is idempotent, so every node
 * proposes the schema when its token service starts.
 */
public final class TokenSchema {

    private TokenSchema() {
    }

    /** @return the batch that creates what is missing; a no-op on a database that has it all */
    public static WriteBatch creation() {
        return WriteBatch.of(
                Statement.of("""
                        CREATE TABLE IF NOT EXISTS tokens (
                          id TEXT PRIMARY KEY,
                          sha256 TEXT NOT NULL UNIQUE,
                          role TEXT NOT NULL,
                          tenant TEXT,
                          description TEXT NOT NULL,
                          created_at INTEGER NOT NULL,
                          revoked_at INTEGER
                        )"""),
                // Listing reads the active tokens oldest first; authentication uses sha256's unique index.
                Statement.of("CREATE INDEX IF NOT EXISTS tokens_active ON tokens(created_at, id) WHERE revoked_at IS NULL"));
    }
}
