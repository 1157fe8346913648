package dev.blixard.integration.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.plugin.PluginProblem;
import dev.blixard.api.plugin.PluginProblems;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenService;
import dev.blixard.api.service.HealthService;
import dev.blixard.integration.osgi.broken.ThrowingActivator;
import dev.blixard.integration.osgi.broken.ThrowingComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * A broken plugin never takes the node down, and says why it is broken: a bundle whose import nothing
 * provides, a DS component whose activation throws, and a bundle activator that throws are each installed
 * while the node runs. Each shows up in {@link PluginProblems}, in {@code /api/plugins} and as a DOWN component
 * of the node's health, which stays ready (degraded only) and keeps serving; uninstalling the bundle clears it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokenPluginTest extends BlixardTestSupport {
    private static final long PROBLEM_TIMEOUT_MS = 15_000;

    private Bundle broken;

    @After
    public void uninstallBrokenBundle() throws BundleException {
        if (broken != null && broken.getState() != Bundle.UNINSTALLED) {
            broken.uninstall();
        }
    }

    @Test
    public void aBundleWhoseImportNothingProvidesIsReportedUnresolvedWithThePackage() throws Exception {
        broken = install(bundleJar("blixard.test.unresolved", Map.of("Import-Package",
                "com.example.nowhere;version=\"[2.0,3.0)\""), List.of()));
        startExpectingFailure(broken);

        PluginProblem problem = awaitProblem("blixard.test.unresolved 1.0.0", PluginProblem.Kind.UNRESOLVED);
        assertTrue(problem.problem(), problem.problem().contains("package com.example.nowhere"));
        assertVisibleEverywhereAndNodeStillServes(problem);

        broken.uninstall();
        awaitNoProblem("blixard.test.unresolved 1.0.0");
    }

    @Test
    public void aComponentWhoseActivationThrowsIsReportedWithTheException() throws Exception {
        String componentXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"blixard.test.throwing\""
                + " immediate=\"true\" init=\"0\">\n  <implementation class=\"" + ThrowingComponent.class.getName()
                + "\"/>\n</scr:component>\n";
        broken = install(bundleJar("blixard.test.failedactivation", Map.of("Service-Component", "OSGI-INF/throwing.xml",
                "Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.4.0))\""),
                List.of(classEntry(ThrowingComponent.class), new Entry("OSGI-INF/throwing.xml",
                        componentXml.getBytes(StandardCharsets.UTF_8)))));
        broken.start();

        PluginProblem problem = awaitProblem("blixard.test.failedactivation 1.0.0", PluginProblem.Kind.FAILED_ACTIVATION);
        assertTrue(problem.problem(), problem.problem().contains("blixard.test.throwing"));
        assertTrue(problem.problem(), problem.problem().contains(ThrowingComponent.MESSAGE));
        assertVisibleEverywhereAndNodeStillServes(problem);

        broken.uninstall();
        awaitNoProblem("blixard.test.failedactivation 1.0.0");
    }

    @Test
    public void aBundleWhoseActivatorThrowsIsReportedNotStarted() throws Exception {
        broken = install(bundleJar("blixard.test.activatorfails", Map.of("Bundle-Activator",
                ThrowingActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                List.of(classEntry(ThrowingActivator.class))));
        startExpectingFailure(broken);

        PluginProblem problem = awaitProblem("blixard.test.activatorfails 1.0.0", PluginProblem.Kind.NOT_STARTED);
        assertVisibleEverywhereAndNodeStillServes(problem);

        broken.uninstall();
        awaitNoProblem("blixard.test.activatorfails 1.0.0");
    }

    private void assertVisibleEverywhereAndNodeStillServes(PluginProblem problem) throws Exception {
        RestClient rest = awaitRestApi();
        HealthService health = awaitService(HealthService.class);
        Health component = health.components().get("broken-plugin:" + problem.subject());
        assertEquals("health component of " + problem.subject(), HealthState.DOWN, component.state());
        assertTrue(component.message(), component.message().contains(problem.problem()));
        assertEquals("a broken plugin degrades the node, it does not take it down", HealthState.DEGRADED,
                health.overall().state());
        assertTrue(health.ready());

        String admin = awaitService(TokenService.class).create(Role.ADMIN, null, "BrokenPluginTest").secret();
        RestClient.Answer plugins = rest.get("/plugins", admin);
        assertEquals(plugins.toString(), 200, plugins.status());
        Optional<JsonNode> listed = Optional.empty();
        for (JsonNode entry : plugins.json().path("problems")) {
            if (entry.path("subject").asText().equals(problem.subject())) {
                listed = Optional.of(entry);
            }
        }
        JsonNode entry = listed.orElseThrow(() -> new AssertionError("not in /api/plugins: " + plugins));
        assertEquals(problem.kind().name().toLowerCase(java.util.Locale.ROOT), entry.path("kind").asText());
        assertEquals(problem.problem(), entry.path("problem").asText());

        RestClient.Answer submitted = rest.post("/queue/publish", admin,
                "{\"payload\": {\"duration_ms\": 5, \"outcome\": \"success\"}, \"worker_types\": [\"mock\"]}");
        assertEquals("the node still accepts work: " + submitted, 201, submitted.status());
    }

    private PluginProblem awaitProblem(String subject, PluginProblem.Kind kind) {
        PluginProblems problems = awaitService(PluginProblems.class);
        List<PluginProblem> seen = Poll.until(PROBLEM_TIMEOUT_MS, problems::current,
                current -> current.stream().anyMatch(p -> p.subject().equals(subject) && p.kind() == kind));
        return seen.stream().filter(p -> p.subject().equals(subject) && p.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " problem of " + subject + " in " + seen));
    }

    private void awaitNoProblem(String subject) {
        PluginProblems problems = awaitService(PluginProblems.class);
        List<PluginProblem> seen = Poll.until(PROBLEM_TIMEOUT_MS, problems::current,
                current -> current.stream().noneMatch(p -> p.subject().equals(subject)));
        assertTrue("still reported after uninstall: " + seen, seen.stream().noneMatch(p -> p.subject().equals(subject)));
    }

    private static void startExpectingFailure(Bundle bundle) {
        try {
            bundle.start();
            fail(bundle.getSymbolicName() + " started, but it is broken on purpose");
        } catch (BundleException expected) {
            // The framework refuses it, as it refuses FileInstall's start of such a jar.
        }
    }

    private Bundle install(Path jar) throws BundleException {
        return bundleContext.installBundle(jar.toUri().toString());
    }

    private record Entry(String name, byte[] bytes) {
    }

    private static Entry classEntry(Class<?> type) throws IOException {
        String name = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class file " + name + " not found");
            }
            return new Entry(name, in.readAllBytes());
        }
    }

    private static Path bundleJar(String symbolicName, Map<String, String> headers, List<Entry> entries)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        headers.forEach(main::putValue);
        Path jar = Files.createTempFile(symbolicName + "-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream stream = new JarOutputStream(out, manifest)) {
            for (Entry entry : entries) {
                stream.putNextEntry(new JarEntry(entry.name()));
                stream.write(entry.bytes());
                stream.closeEntry();
            }
        }
        return jar;
    }
}
