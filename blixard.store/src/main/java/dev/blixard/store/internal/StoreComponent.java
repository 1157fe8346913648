package dev.blixard.store.internal;

import dev.blixard.store.ReplicatedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's member of the replicated store and registers it as the {@link ReplicatedDatabase}
 * service. Registration is done by hand, after the Raft server is running, so that nothing sees a store
 * that cannot yet take writes; a configuration change restarts the member.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent {
    static final String PID = "blixard.store";

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final RaftSqliteStore store;
    private final ServiceRegistration<ReplicatedDatabase> registration;

    @Activate
    public StoreComponent(StoreConfig config, BundleContext context) throws IOException {
        StoreSettings settings = settings(config, context);
        store = new RaftSqliteStore(settings);
        store.start();
        registration = context.registerService(ReplicatedDatabase.class, store,
                new java.util.Hashtable<>(Map.of("blixard.node.id", settings.nodeId())));
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("Store service was already unregistered");
        }
        store.close();
    }

    static StoreSettings settings(StoreConfig config, BundleContext context) throws IOException {
        String nodeId = firstNonBlank(config.node_id(), context.getProperty("blixard.node.id"), "node1");
        String dataDir = context.getProperty("blixard.data.dir");
        Path directory = !config.data_dir().isBlank() ? Path.of(config.data_dir())
                : dataDir != null && !dataDir.isBlank() ? Path.of(dataDir, "store")
                : context.getDataFile("store").toPath();
        String peers = firstNonBlank(config.peers(), context.getProperty("blixard.peers"), "");
        int port = config.raft_port() != 0 ? config.raft_port() : parsePort(context.getProperty("blixard.raft.port"));
        if (port == 0) {
            if (!StoreSettings.parsePeers(peers).isEmpty()) {
                throw new IllegalArgumentException("a store with peers needs its Raft port (blixard.raft.port)");
            }
            port = freePort();
        }
        return new StoreSettings(nodeId, directory, config.raft_host(), port, StoreSettings.parsePeers(peers),
                config.snapshot_threshold(), Duration.ofMillis(config.write_timeout_ms()),
                Duration.ofMillis(config.election_timeout_min_ms()), Duration.ofMillis(config.election_timeout_max_ms()),
                config.group_max_batches(), config.group_max_bytes(), config.group_max_in_flight(),
                config.read_connections());
    }

    /** A one-node group talks to nobody, so any free port will do for the endpoint Ratis insists on. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int parsePort(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("blixard.raft.port '" + text + "' is not a port number");
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }
}
