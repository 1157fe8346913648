package dev.blixard.core.plugin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * The jars of the node's deploy directory that the framework did not install. Felix FileInstall installs only
 * files that open as a jar with a {@code Bundle-SymbolicName}, and says nothing about the others, so the user
 * would wait for a bundle that never comes; this names the reason. A jar still being copied is left alone
 * until it has not changed for {@link #SETTLE}.
 */
final class DeployedJars {
    /** How long a jar must stay unchanged before it is judged: FileInstall itself polls every second. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final Path deployDirectory;

    DeployedJars(Path deployDirectory) {
        this.deployDirectory = deployDirectory;
    }

    /**
     * @param installedLocations the locations of the bundles installed now
     * @return a problem for each settled jar that no installed bundle came from
     */
    List<Problem> notInstalled(Set<String> installedLocations, Instant now) {
        Set<Path> installedPaths = pathsOf(installedLocations);
        List<Problem> problems = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deployDirectory, "*.jar")) {
            for (Path jar : jars) {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                if (!attributes.isRegularFile()
                        || attributes.lastModifiedTime().toInstant().isAfter(now.minus(SETTLE))
                        || installedPaths.contains(jar.toAbsolutePath().normalize())) {
                    continue;
                }
                problems.add(new Problem(jar.getFileName().toString(), "not installed from " + deployDirectory + ": "
                        + whyNotABundle(jar).orElse("the framework refused it (its manifest is invalid; the node log "
                                + "has the framework's reason)")));
            }
        } catch (IOException e) {
            // No deploy directory (outside a node), or a file removed mid-scan: the next look sees the new state.
        }
        return problems;
    }

    /** Why FileInstall will not install this jar, or empty when it has a bundle's manifest. */
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

    /** FileInstall installs a file by its {@code file:} URI; other locations (the runtime set's) never match. */
    private static Set<Path> pathsOf(Set<String> locations) {
        Set<Path> paths = new java.util.HashSet<>();
        for (String location : locations) {
            if (location.startsWith("file:")) {
                try {
                    paths.add(Path.of(URI.create(location)).toAbsolutePath().normalize());
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // Not a plain file URI: not one of FileInstall's.
                }
            }
        }
        return paths;
    }

    /** A jar that is not installed, and why. */
    record Problem(String fileName, String reason) {
    }
}
