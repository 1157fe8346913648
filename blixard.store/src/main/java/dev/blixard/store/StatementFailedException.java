package dev.blixard.store;

/**
 * A statement of a batch failed (constraint, syntax, type); the whole batch was rolled back, identically
 * on every node, and the store keeps running.
 */
public class StatementFailedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final int statementIndex;
    private final int sqliteCode;

    /**
     * @param statementIndex the failing statement's position in the batch, from 0
     * @param sqliteCode SQLite's (extended) result code, for example 2067 for a UNIQUE constraint
     */
    public StatementFailedException(String message, int statementIndex, int sqliteCode) {
        super(message);
        this.statementIndex = statementIndex;
        this.sqliteCode = sqliteCode;
    }

    public int statementIndex() {
        return statementIndex;
    }

    public int sqliteCode() {
        return sqliteCode;
    }

    /** @return whether the failure was a constraint violation (unique, foreign key, check, not null) */
    public boolean isConstraintViolation() {
        return (sqliteCode & 0xff) == 19;
    }
}
