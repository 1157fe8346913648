package dev.blixard.store.internal;

import dev.blixard.store.ReplicatedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * service once the member knows a leader, so nothing sees a store that cannot take writes yet.
 *
 * <p>The member starts on a thread of its own: opening the SQLite file, replaying the log and the first
 * election take a second or more, and activation must not hold up the bundles that start after this one
 * (the HTTP server among them). That thread then waits, as long as it takes, until a majority of the group
 * runs and has a leader: the components over the store (queue, tokens) write their schema when they
 * activate, and a write without a leader fails after the write timeout. Registered before a member started
 * ahead of its peers had a quorum, they failed to activate and nothing activated them again, so the node
 * never became ready however soon its peers came up. A configuration change restarts the member.
 */
@Component(configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent {
    /** How long deactivation waits for Ratis's threads; they take about a second on an idle machine. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    static final String PID = "blixard.store";

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);
    /** How often the starting thread looks for a leader, and how often it says that it still waits. */
    private static final long LEADER_POLL_MILLIS = 50;
    private static final long WAITING_NOTE_MILLIS = 30_000;

    private final BundleContext context;
    private final StoreSettings settings;
    private final RaftSqliteStore store;
    private final ExecutorService starter;
    private ServiceRegistration<ReplicatedDatabase> registration;
    private boolean stopped;

    @Activate
    public StoreComponent(StoreConfig config, BundleContext context) throws IOException {
        this.context = context;
        this.settings = settings(config, context);
        this.store = new RaftSqliteStore(settings);
        this.starter = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "blixard-store-start"));
        starter.execute(this::startAndRegister);
        // One task only: the thread ends with it.
        starter.shutdown();
    }

    private void startAndRegister() {
        try {
            store.start();
        } catch (IOException | RuntimeException e) {
            LOG.error("Store member {} could not start in {}: {}", settings.nodeId(), settings.directory(),
                    e.getMessage(), e);
            return;
        }
        try {
            if (!awaitLeader()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (!stopped) {
                registration = context.registerService(ReplicatedDatabase.class, store,
                        new Hashtable<>(Map.of("blixard.node.id", settings.nodeId())));
            }
        }
    }

    /**
     * Waits until the member knows a leader, however long the other members take to start.
     *
     * @return {@code true} once there is a leader, {@code false} when the component was stopped first
     */
    private boolean awaitLeader() throws InterruptedException {
        long started = System.nanoTime();
        long nextNote = 0;
        while (!store.firstLeader().toCompletableFuture().isDone()) {
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (waited >= nextNote) {
                LOG.info("Store member {} waits for a leader before the node uses the store ({} ms so far): a "
                        + "majority of {} must run and reach each other", settings.nodeId(), waited, settings.members());
                nextNote = waited + WAITING_NOTE_MILLIS;
            }
            synchronized (this) {
                if (stopped) {
                    return false;
                }
                // deactivate() notifies, so a stop does not wait out the poll.
                wait(LEADER_POLL_MILLIS);
            }
        }
        LOG.info("Store member {} knows its leader {} after {} ms", settings.nodeId(), store.status().leaderId(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    LOG.debug("Store service was already unregistered");
                }
            }
        }
        if (!starter.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warn("Store member {} was still starting after 60 s; closing it anyway", settings.nodeId());
        }
        store.close();
        // Ratis (embedded in this bundle) is used by this member only, so every thread running its code must
        // end before this bundle's class loader goes away.
        RaftThreads.awaitEnd(CLOSE_GRACE, settings.nodeId());
    }

    static StoreSettings settings(StoreConfig config, BundleContext context) throws IOException {
        String nodeId = firstNonBlank(config.node_id(), context.getProperty("blixard.node.id"), "node1");
        String dataDir = context.getProperty("blixard.data.dir");
        Path directory = !config.data_dir().isBlank() ? Path.of(config.data_dir())
                : dataDir != null && !dataDir.isBlank() ? Path.of(dataDir, "store")
                : context.getDataFile("store").toPath();
        String peers = firstNonBlank(config.peers(), context.getProperty("blixard.peers"), "");
        boolean alone = StoreSettings.parsePeers(peers).isEmpty();
        int port = config.raft_port() != 0 ? config.raft_port() : parsePort(context.getProperty("blixard.raft.port"));
        if (port == 0) {
            if (!alone) {
                throw new IllegalArgumentException("a store with peers needs its Raft port (blixard.raft.port)");
            }
            port = freePort();
        }
        String host = firstNonBlank(config.raft_host(), context.getProperty("blixard.raft.host"), "127.0.0.1");
        return new StoreSettings(nodeId, directory, host, port, StoreSettings.parsePeers(peers),
                config.snapshot_threshold(), config.snapshot_log_ratio(), Duration.ofMillis(config.write_timeout_ms()),
                alone ? StoreSettings.ALONE_ELECTION_MIN : Duration.ofMillis(config.election_timeout_min_ms()),
                alone ? StoreSettings.ALONE_ELECTION_MAX : Duration.ofMillis(config.election_timeout_max_ms()),
                config.group_max_batches(), config.group_max_bytes(), config.group_max_in_flight(),
                config.read_connections(), config.log_segment_bytes());
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
