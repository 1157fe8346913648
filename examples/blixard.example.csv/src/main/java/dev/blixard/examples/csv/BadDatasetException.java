package dev.blixard.examples.csv;

/** The dataset cannot be summarised as asked; another attempt on the same file would fail the same way. */
final class BadDatasetException extends Exception {
    private static final long serialVersionUID = 1L;

    BadDatasetException(String message) {
        super(message);
    }

    BadDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
