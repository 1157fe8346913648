package dev.blixard.api.plugin;

/** A {@link JobProcessor} failed to process a job. The message names the job and the cause. */
public class JobProcessingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** @param retryable whether another attempt may succeed */
    public JobProcessingException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public JobProcessingException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return whether another attempt may succeed */
    public boolean retryable() {
        return retryable;
    }
}
