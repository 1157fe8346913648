package dev.blixard.api.backend;

/**
 * A backend could not do what was asked (start, query or stop an execution). The message names the job,
 * the execution and the cause.
 */
public class ExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * @param retryable whether the same request may succeed later or elsewhere (the infrastructure failed,
     *        not the job)
     */
    public ExecutionException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ExecutionException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return whether the same request may succeed later or elsewhere */
    public boolean retryable() {
        return retryable;
    }
}
