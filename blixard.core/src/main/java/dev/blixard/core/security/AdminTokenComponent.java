package dev.blixard.core.security;

import dev.blixard.api.security.TokenService;
import dev.blixard.store.ReplicatedDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the node's admin token with the token service when the launcher passed its hash in the framework
 * property {@value #SHA256_PROPERTY} (the secret itself stays in the data directory's {@code admin.token}).
 * Without the property (tests, embedded use) it does nothing.
 */
@Component(immediate = true)
public final class AdminTokenComponent {
    /** The framework property with the SHA-256 hex of the node's admin secret. */
    public static final String SHA256_PROPERTY = "blixard.admin.token.sha256";
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenComponent.class);

    private final AdminTokenRegistration registration;

    @Activate
    public AdminTokenComponent(@Reference TokenService tokens, @Reference ReplicatedDatabase database,
            BundleContext context) {
        String sha256Hex = context.getProperty(SHA256_PROPERTY);
        String nodeId = database.status().nodeId();
        if (sha256Hex == null || sha256Hex.isBlank()) {
            LOG.debug("Node {}: no {} framework property, so no admin token to register", nodeId, SHA256_PROPERTY);
            this.registration = null;
        } else {
            this.registration = AdminTokenRegistration.start(tokens, nodeId, sha256Hex.trim());
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.close();
        }
    }
}
