package dev.blixard.api.plugin;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's broken plugins now: what the REST API's {@code /api/plugins}, the health check and the console
 * show, so that an operator who dropped a jar into the deploy directory learns why it does nothing.
 */
@ProviderType
public interface PluginProblems {

    /** @return every problem present now, oldest first; empty when every plugin works */
    List<PluginProblem> current();
}
