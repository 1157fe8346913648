package dev.blixard.integration.testplugin;

import dev.blixard.api.job.JobSubmission;
import dev.blixard.api.plugin.JobValidator;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.ValidationResult;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Rejects every submission that names the worker type {@value #FORBIDDEN} among its worker types,
 * and accepts everything else. A stand-in for a third-party validator: the integration tests install
 * this bundle into a running node, call the service, and uninstall it again.
 */
@Component(service = JobValidator.class, property = "blixard.plugin.name=" + ForbiddenWorkerTypeValidator.NAME)
public final class ForbiddenWorkerTypeValidator implements JobValidator {

    /** The plugin's name, also its {@code blixard.plugin.name} service property. */
    public static final String NAME = "forbidden-worker-type";
    /** The worker type this validator refuses. */
    public static final String FORBIDDEN = "forbidden";

    private final PluginMetadata metadata;

    @Activate
    public ForbiddenWorkerTypeValidator(BundleContext context) {
        metadata = new PluginMetadata(NAME, context.getBundle().getVersion().toString(), "Blixard integration tests",
                "Rejects submissions for the worker type \"" + FORBIDDEN + "\".");
    }

    @Override
    public PluginMetadata metadata() {
        return metadata;
    }

    @Override
    public ValidationResult validate(JobSubmission submission) {
        int index = submission.workerTypes().indexOf(FORBIDDEN);
        if (index < 0) {
            return ValidationResult.VALID;
        }
        return ValidationResult.invalid("worker_types[" + index + "]",
                "worker type \"" + FORBIDDEN + "\" is not accepted on this node");
    }
}
