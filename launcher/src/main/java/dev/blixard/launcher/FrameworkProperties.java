package dev.blixard.launcher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.osgi.framework.Constants;

/**
 * The framework properties of a node: where Felix keeps its cache, how FileInstall watches the data directory,
 * where Config Admin stores configuration, the HTTP endpoint, the Web Console credentials and the logging
 * defaults. Framework properties are readable by every bundle, so nothing secret goes in here (the console
 * gets a salted hash of the admin token, see {@link WebConsolePassword}).
 */
final class FrameworkProperties {

    /** The node's identity and layout, for Blixard's own bundles. */
    static final String NODE_ID = "blixard.node.id";
    static final String DATA_DIR = "blixard.data.dir";
    static final String LOGS_DIR = "blixard.logs.dir";
    static final String VERSION = "blixard.version";
    /** The store's Raft endpoint and group (read by blixard.store). */
    static final String RAFT_PORT = "blixard.raft.port";
    static final String RAFT_HOST = "blixard.raft.host";
    static final String PEERS = "blixard.peers";
    /**
     * The SHA-256 (hex) of the admin token (read by blixard.core, which registers it so that every member of the
     * cluster accepts it). A hash of 256 random bits reveals nothing of the token.
     */
    static final String ADMIN_TOKEN_SHA256 = "blixard.admin.token.sha256";

    private FrameworkProperties() {
    }

    /**
     * @param cleanCache   start from an empty bundle cache (the embedded bundles changed)
     * @param consoleHash  the Web Console password of user {@code admin}, already hashed
     * @param adminToken   the admin token, of which only the SHA-256 goes in
     * @param frameworkLog where Felix's own log messages go
     */
    static Map<String, Object> of(DataDirectory dir, RunOptions options, String nodeId, String version,
            boolean cleanCache, String consoleHash, String adminToken, NodeLog frameworkLog) {
        Map<String, Object> p = new HashMap<>();

        p.put(Constants.FRAMEWORK_STORAGE, dir.cacheDir().toString());
        if (cleanCache) {
            p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(StartLevels.RUNTIME));
        p.put("felix.startlevel.bundle", Integer.toString(StartLevels.RUNTIME)); // bundles FileInstall deploys
        // Felix's own messages (resolver problems, listener failures...): warnings and errors, into the node log.
        p.put("felix.log.logger", new FelixLogAdapter(frameworkLog));
        p.put("felix.log.level", "2");

        // FileInstall splits felix.fileinstall.dir on ',' and runs one watcher per directory: deploy/ for bundles,
        // etc/ for configuration files. Both watchers handle both kinds of artifact.
        p.put("felix.fileinstall.dir", dir.deployDir() + "," + dir.etcDir());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "3"); // installs, updates and failures at INFO and above

        p.put("felix.cm.dir", dir.configDir().toString());

        // Felix Event Admin guards every handler with a timeout by running it on a pool thread while the
        // delivering thread waits: two thread hand-offs per handler per event, several per job. Blixard's own
        // handlers (metrics, the event stream) only count and enqueue, so they are called directly; handlers of
        // other bundles keep the guard. Felix reads "p*" as package p and its sub-packages ("p.*" matches none).
        p.put("org.apache.felix.eventadmin.IgnoreTimeout", "dev.blixard*");

        // Felix HTTP Jetty 12 (org.apache.felix.http.jetty.internal.JettyConfig).
        p.put("org.osgi.service.http.port", Integer.toString(options.httpPort()));
        p.put("org.apache.felix.http.host", options.bindAddress());

        // Felix Web Console 5 (OsgiManager): its defaults, admin/admin, are replaced here. A configuration of PID
        // org.apache.felix.webconsole.internal.servlet.OsgiManager (e.g. from etc/) would override these.
        p.put("felix.webconsole.username", "admin");
        p.put("felix.webconsole.password", consoleHash);
        p.put("felix.webconsole.realm", "Blixard");

        p.put(LoggingDefaults.PROPERTY_FILE, dir.loggingDefaultsFile().toString());
        // pax-logging's fallback logger prints to stdout before its log4j2 backend runs and after it stopped, and
        // log4j2's own status messages (a score of "package scanning is deprecated" warnings at every
        // configuration) go through it too. Errors, such as a broken etc/org.ops4j.pax.logging.cfg, still show.
        p.put("org.ops4j.pax.logging.DefaultServiceLog.level", "ERROR");

        p.put(NODE_ID, nodeId);
        p.put(DATA_DIR, dir.root().toString());
        p.put(LOGS_DIR, dir.logsDir().toString());
        p.put(VERSION, version);
        p.put(ADMIN_TOKEN_SHA256, sha256Hex(adminToken));
        options.raftPort().ifPresent(port -> p.put(RAFT_PORT, Integer.toString(port)));
        options.self().ifPresent(self -> p.put(RAFT_HOST, self.host()));
        if (!options.peers().isEmpty()) {
            p.put(PEERS, options.peersProperty());
        }
        return p;
    }

    /** @return the SHA-256 of the UTF-8 bytes of {@code text}, 64 lower-case hex digits, as blixard.core keeps tokens */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
