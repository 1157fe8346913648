package dev.blixard.integration.plugins;

import dev.blixard.testing.WorkDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The jars the tests deploy: the built plugins (named by system properties), a new version of one, broken ones. */
final class BundleJars {
    private static final String BUILT_BY = "the reactor build";

    private BundleJars() {
    }

    static Path exampleCsv() {
        return WorkDirs.requiredFile("blixard.example.csv.jar", "examples/blixard.example.csv (" + BUILT_BY + ")");
    }

    static Path echoBackend() {
        return WorkDirs.requiredFile("blixard.testbackend.jar", "integration/test-backend (" + BUILT_BY + ")");
    }

    static Path wasmBackend() {
        return WorkDirs.requiredFile("blixard.backend.wasm.jar", "blixard.backend.wasm (" + BUILT_BY + ")");
    }

    /**
     * @return a copy of {@code jar} whose {@code Bundle-Version} is {@code version}: the same code shipped as a new
     *     release, which the node must pick up as an update of the installed bundle
     */
    static Path withVersion(Path jar, String version, Path into) throws IOException {
        Path copy = into.resolve(jar.getFileName().toString().replace(".jar", "-" + version + ".jar"));
        try (JarFile source = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(source.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream out = Files.newOutputStream(copy); JarOutputStream target = new JarOutputStream(out, manifest)) {
                for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    target.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                    target.closeEntry();
                }
            }
        }
        return copy;
    }

    /** @return a jar with a manifest but no {@code Bundle-SymbolicName}: a plain library, not a bundle */
    static Path plainLibrary(Path into) throws IOException {
        return jar(into.resolve("plain-library.jar"), Map.of("Implementation-Title", "not a bundle"));
    }

    /** @return a bundle that imports a package no bundle of the node exports */
    static Path unresolvedBundle(Path into) throws IOException {
        return jar(into.resolve("unresolved-plugin.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "blixard.test.unresolved", "Bundle-Version", "1.0.0",
                "Import-Package", "com.example.nowhere;version=\"[2.0,3.0)\""));
    }

    private static Path jar(Path file, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }
}
