package dev.blixard.api.plugin;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** What the node gives a {@link JobProcessor} for one run of one job. */
@ProviderType
public interface ProcessingContext {

    /** @return the job's attempt number, from 1 */
    int attempt();

    /** @return a directory for this run only, removed after the result is stored */
    Path workDirectory();

    /**
     * @return whether the run should stop (the job was cancelled, its timeout passed, or the processor is
     *         going away); long-running processors check this regularly and return promptly
     */
    boolean isCancelled();
}
