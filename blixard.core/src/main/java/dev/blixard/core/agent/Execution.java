package dev.blixard.core.agent;

import dev.blixard.api.backend.ExecutionHandle;
import dev.blixard.api.backend.ExecutionStatus;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One running attempt on a {@link JobExecutor}. Thread-safe. */
interface Execution {

    ExecutionHandle handle();

    /** @return a stage completed with the final status, however the execution ends */
    CompletionStage<ExecutionStatus> completion();

    /** @return the state and output so far, if the executor can tell */
    Optional<ExecutionStatus> snapshot();

    /** Asks the execution to stop; the final status still follows through {@link #completion()}. */
    void cancel();
}
