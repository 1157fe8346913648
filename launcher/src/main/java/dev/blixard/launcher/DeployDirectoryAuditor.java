package dev.blixard.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * Reports jars in {@code deploy/} that FileInstall silently skips. FileInstall 3.7.4 only installs files that
 * open as a jar with a {@code Bundle-SymbolicName}; anything else (a truncated copy, a plain library jar) is
 * ignored without a word, and the user waits for a bundle that never comes. This auditor watches the same
 * directory and logs one warning per such file (again if the file changes). It never installs anything.
 */
final class DeployDirectoryAuditor implements AutoCloseable {

    private static final long POLL_MILLIS = 1000;

    private record Stamp(long size, long modified) {
    }

    private final Path deployDir;
    private final NodeLog log;
    private final ScheduledExecutorService poller;
    /** What each jar looked like at the previous poll: a file is judged only once it stops changing. */
    private final Map<Path, Stamp> lastSeen = new HashMap<>();
    private final Map<Path, Stamp> judged = new HashMap<>();

    private DeployDirectoryAuditor(Path deployDir, NodeLog log) {
        this.deployDir = deployDir;
        this.log = log;
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "blixard-deploy-auditor");
            thread.setDaemon(true);
            return thread;
        });
    }

    static DeployDirectoryAuditor start(Path deployDir, NodeLog log) {
        DeployDirectoryAuditor auditor = new DeployDirectoryAuditor(deployDir, log);
        auditor.poller.scheduleWithFixedDelay(auditor::scan, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return auditor;
    }

    private void scan() {
        Set<Path> present = new HashSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path jar : jars) {
                present.add(jar);
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    continue; // FileInstall jars up directories itself
                }
                Stamp stamp = new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
                Stamp previous = lastSeen.put(jar, stamp);
                if (stamp.equals(previous) && !stamp.equals(judged.get(jar))) {
                    judged.put(jar, stamp);
                    whyNotABundle(jar).ifPresent(reason -> log.log(NodeLog.LAUNCHER_LOGGER, NodeLog.Level.WARN,
                            "Not installing " + deployDir.relativize(jar) + " from " + deployDir + ": " + reason, null));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The directory may be replaced or a file deleted mid-scan; the next poll sees the new state.
        }
        lastSeen.keySet().retainAll(present);
        judged.keySet().retainAll(present);
    }

    /** Why FileInstall will not install this jar, or empty when it is a bundle. */
    static Optional<String> whyNotABundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.of("it has no META-INF/MANIFEST.MF, so it is not an OSGi bundle");
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return Optional.of("its manifest has no Bundle-SymbolicName, so it is not an OSGi bundle");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("it is not a valid jar file (" + e.getMessage() + ")");
        } catch (IOException | SecurityException e) {
            return Optional.of("it cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
