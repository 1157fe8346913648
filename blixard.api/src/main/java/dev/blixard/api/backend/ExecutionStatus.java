package dev.blixard.api.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The observable state of one execution: while it runs (output so far) and when it has ended (exit code,
 * output, error). Output is bounded by the backend; a truncated stream is flagged.
 */
public final class ExecutionStatus {
    private final ExecutionHandle handle;
    private final ExecutionState state;
    private final Integer exitCode;
    private final String stdout;
    private final String stderr;
    private final boolean stdoutTruncated;
    private final boolean stderrTruncated;
    private final String output;
    private final String error;
    private final boolean retryable;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final ResourceUsage usage;

    private ExecutionStatus(Builder builder) {
        handle = builder.handle;
        state = builder.state;
        exitCode = builder.exitCode;
        stdout = builder.stdout;
        stderr = builder.stderr;
        stdoutTruncated = builder.stdoutTruncated;
        stderrTruncated = builder.stderrTruncated;
        output = builder.output;
        error = builder.error;
        retryable = builder.retryable;
        startedAt = builder.startedAt;
        finishedAt = builder.finishedAt;
        usage = builder.usage;
    }

    public static Builder builder(ExecutionHandle handle, ExecutionState state) {
        return new Builder(handle, state);
    }

    public ExecutionHandle handle() {
        return handle;
    }

    public ExecutionState state() {
        return state;
    }

    /** @return the process, module or guest exit code, where the technology has one */
    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    /** @return captured standard output so far (bounded) */
    public String stdout() {
        return stdout;
    }

    /** @return captured standard error so far (bounded) */
    public String stderr() {
        return stderr;
    }

    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    public boolean stderrTruncated() {
        return stderrTruncated;
    }

    /** @return a result document the execution produced, as JSON text, if any */
    public Optional<String> output() {
        return Optional.ofNullable(output);
    }

    /** @return why the execution failed, timed out or was cancelled */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** @return whether a failed execution may succeed when tried again (infrastructure, not the job) */
    public boolean retryable() {
        return retryable;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** @return how long it ran, once started and finished */
    public Optional<Duration> duration() {
        return startedAt == null || finishedAt == null ? Optional.empty()
                : Optional.of(Duration.between(startedAt, finishedAt));
    }

    public ResourceUsage usage() {
        return usage;
    }

    @Override
    public String toString() {
        return "ExecutionStatus[" + handle.executionId() + ", " + state + (exitCode == null ? "" : ", exit " + exitCode)
                + (error == null ? "" : ", " + error) + "]";
    }

    /** Collects a status. Not thread-safe. */
    public static final class Builder {
        private final ExecutionHandle handle;
        private final ExecutionState state;
        private Integer exitCode;
        private String stdout = "";
        private String stderr = "";
        private boolean stdoutTruncated;
        private boolean stderrTruncated;
        private String output;
        private String error;
        private boolean retryable;
        private Instant startedAt;
        private Instant finishedAt;
        private ResourceUsage usage = ResourceUsage.UNKNOWN;

        private Builder(ExecutionHandle handle, ExecutionState state) {
            this.handle = Objects.requireNonNull(handle, "handle");
            this.state = Objects.requireNonNull(state, "state");
        }

        public Builder exitCode(Integer exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        public Builder stdout(String stdout, boolean truncated) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            this.stdoutTruncated = truncated;
            return this;
        }

        public Builder stderr(String stderr, boolean truncated) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            this.stderrTruncated = truncated;
            return this;
        }

        /** A result document as JSON text. */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder usage(ResourceUsage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /** @throws IllegalStateException when a failed, timed-out or cancelled status has no error */
        public ExecutionStatus build() {
            boolean needsError = state == ExecutionState.FAILED || state == ExecutionState.TIMED_OUT
                    || state == ExecutionState.CANCELLED;
            if (needsError && (error == null || error.isBlank())) {
                throw new IllegalStateException("a " + state + " execution must say why (" + handle.executionId() + ")");
            }
            return new ExecutionStatus(this);
        }
    }
}
