package dev.blixard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime bundles packed into the launcher's own jar under {@code bundles/} (the build puts exactly the
 * resolved runtime set there). They are read straight from the jar: nothing is unpacked to disk.
 */
final class EmbeddedBundles implements AutoCloseable {

    static final String PREFIX = "bundles/";

    /** Bundle locations of the runtime set; stable across starts so a warm cache recognises its bundles. */
    static final String LOCATION_PREFIX = "blixard:runtime/";

    private final ZipFile jar;
    private final List<ZipEntry> entries;

    private EmbeddedBundles(ZipFile jar, List<ZipEntry> entries) {
        this.jar = jar;
        this.entries = entries;
    }

    /** Opens the jar this class was loaded from. */
    static EmbeddedBundles openLauncherJar() throws StartupException {
        return open(launcherJar());
    }

    static EmbeddedBundles open(Path jarFile) throws StartupException {
        try {
            ZipFile jar = new ZipFile(jarFile.toFile());
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(PREFIX) && entry.getName().endsWith(".jar")) {
                    entries.add(entry);
                }
            }
            entries.sort(Comparator.comparing(ZipEntry::getName));
            if (entries.isEmpty()) {
                jar.close();
                throw new StartupException(jarFile + " contains no bundles under " + PREFIX + "; the launcher jar is broken");
            }
            return new EmbeddedBundles(jar, entries);
        } catch (IOException e) {
            throw new StartupException("cannot read the launcher jar " + jarFile + ": " + e.getMessage());
        }
    }

    private static Path launcherJar() throws StartupException {
        CodeSource source = EmbeddedBundles.class.getProtectionDomain().getCodeSource();
        try {
            Path path = source == null ? null : Path.of(source.getLocation().toURI());
            if (path == null || !Files.isRegularFile(path)) {
                throw new StartupException("blixard must be started from its jar (java -jar blixard.jar), not from " + path);
            }
            return path;
        } catch (URISyntaxException e) {
            throw new StartupException("cannot locate the launcher jar: " + e.getMessage());
        }
    }

    /** File names of the embedded bundles, in a stable order. */
    List<String> fileNames() {
        List<String> names = new ArrayList<>(entries.size());
        for (ZipEntry entry : entries) {
            names.add(entry.getName().substring(PREFIX.length()));
        }
        return names;
    }

    static String location(String fileName) {
        return LOCATION_PREFIX + fileName;
    }

    InputStream open(String fileName) throws IOException {
        ZipEntry entry = jar.getEntry(PREFIX + fileName);
        if (entry == null) {
            throw new IOException("no bundle " + fileName + " in the launcher jar");
        }
        return jar.getInputStream(entry);
    }

    /** @return the {@code Bundle-SymbolicName} of an embedded bundle (without its directives), read from its manifest */
    String symbolicName(String fileName) throws IOException {
        try (JarInputStream in = new JarInputStream(open(fileName))) {
            Manifest manifest = in.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IOException("the embedded " + fileName + " has no Bundle-SymbolicName; the launcher jar is broken");
            }
            int directives = name.indexOf(';');
            return (directives < 0 ? name : name.substring(0, directives)).trim();
        }
    }

    /**
     * A SHA-256 over the name, size and CRC-32 of every embedded bundle. These come from the jar's central
     * directory, so the digest costs no decompression on the start path; the CRC covers each bundle's content,
     * which is enough to notice that a new launcher ships different bundles.
     */
    String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            ByteBuffer numbers = ByteBuffer.allocate(2 * Long.BYTES);
            for (ZipEntry entry : entries) {
                sha256.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                numbers.clear();
                numbers.putLong(entry.getSize()).putLong(entry.getCrc());
                sha256.update(numbers.array());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }
}
