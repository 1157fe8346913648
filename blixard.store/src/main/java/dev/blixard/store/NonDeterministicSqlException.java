package dev.blixard.store;

/**
 * A statement would give different results on different nodes (it reads the clock or a random source);
 * it was refused before replication. Pass the value as a parameter instead.
 */
public class NonDeterministicSqlException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NonDeterministicSqlException(String message) {
        super(message);
    }
}
