package dev.blixard.dashboard.console;

import static dev.blixard.dashboard.console.Fakes.NOW;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.Health;
import dev.blixard.api.UnavailableException;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.dashboard.console.ConsoleSources.RegisteredPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** The console's content rendered from fake services: present, absent, failing and hostile. */
public class ConsolePageTest {

    @Test
    public void everyServicePresentRendersEverySectionWithItsFigures() {
        String page = render(Fakes.node());

        assertTrue(page, page.startsWith("<div id=\"blixard-console\">"));
        assertTrue(page, page.contains("<a id=\"blixard-dashboard-link\" href=\"/\">"));

        String queue = section(page, "blixard-queue");
        assertTrue(queue, queue.contains("46 jobs in the queue; the oldest pending job has waited 3 min 12 s."));
        assertTrue(queue, queue.contains("<tr data-status=\"Pending\"><td>Pending</td><td class=\"blixard-number\">3"));
        assertTrue(queue, queue.contains(
                "<tr data-status=\"Cancelled\"><td>Cancelled</td><td class=\"blixard-number\">0"));
        assertTrue(queue, queue.contains("<tr data-worker-type=\"*\"><td>any type (*)</td>"));
        assertTrue(queue, queue.contains("<tr data-worker-type=\"mock\"><td>mock</td>"));
        assertTrue(queue, queue.contains("<td>last 1 min</td><td class=\"blixard-number\">30</td>"
                + "<td class=\"blixard-number\">1</td><td class=\"blixard-number\">0.50</td>"));
        assertTrue(queue, queue.contains("<time datetime=\"2026-01-31T11:59:58Z\">2026-01-31T11:59:58Z</time>"
                + " <span class=\"blixard-age\">(2 s ago)</span>"));
        assertTrue(queue, queue.contains("class=\"tablesorter nicetable\""));

        String workers = section(page, "blixard-workers");
        assertEquals(2, count(workers, "<tr data-worker="));
        assertTrue(workers, workers.contains("2 workers: 2 active, 0 draining, 0 lost."));
        assertTrue(workers, workers.contains("<tr data-worker=\"agent-node-1-mock\"><td>agent-node-1-mock</td>"
                + "<td><span class=\"blixard-state blixard-up\">ACTIVE</span></td><td>mock, local</td>"
                + "<td class=\"blixard-number\">4</td><td class=\"blixard-number\">3</td>"
                + "<td class=\"blixard-number\">1</td><td>node-1</td>"));
        assertTrue(workers, workers.contains("<td>external</td>"));
        assertTrue(workers, workers.contains("(3 s ago)"));

        String backends = section(page, "blixard-backends");
        // Sorted by type: local before mock.
        assertTrue(backends, backends.indexOf("data-backend=\"local\"") < backends.indexOf("data-backend=\"mock\""));
        assertTrue(backends, backends.contains("<tr data-backend=\"mock\"><td>mock</td><td>mock backend</td>"
                + "<td>0.1.0</td><td>mock-engine 1.0</td><td><span class=\"blixard-state blixard-up\">UP</span>"
                + " <span class=\"blixard-message\">ready</span></td>"
                + "<td class=\"blixard-number\">2 running of 8</td>"));
        assertTrue(backends, backends.contains("<tr data-plugin=\"csv-aggregate\"><td>csv-aggregate</td>"
                + "<td>processor, plugin</td><td>1.2.3</td><td>Example Corp</td>"));

        String cluster = section(page, "blixard-cluster");
        assertTrue(cluster, cluster.contains("This node leads the group of 3 members."));
        assertTrue(cluster, cluster.contains("<tr data-fact=\"term\"><td>Term</td><td>7</td></tr>"));
        assertTrue(cluster, cluster.contains("<td>118 (2 behind the commit index)</td>"));
        assertTrue(cluster, cluster.indexOf("data-member=\"node-1\"") < cluster.indexOf("data-member=\"node-2\""));
        assertTrue(cluster, cluster.contains("<tr data-member=\"node-1\"><td>node-1</td><td>127.0.0.1:9101</td>"
                + "<td>leader (this node)</td></tr>"));
        assertTrue(cluster, cluster.contains("<tr data-member=\"node-2\"><td>node-2</td><td>127.0.0.1:9102</td>"
                + "<td>follower</td></tr>"));

        String health = section(page, "blixard-health");
        assertTrue(health, health.contains("<span class=\"blixard-state blixard-degraded\">DEGRADED</span>"
                + " backend.vm is degraded. The node is ready to serve its API."));
        assertTrue(health, health.contains("<tr data-component=\"store\">"));
    }

    @Test
    public void anAbsentQueueIsASentenceInItsSectionAndTheRestStillRenders() {
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(null, node.workers(), node.cluster(), node.health(), node.backends(),
                node.plugins()));

        String queue = section(page, "blixard-queue");
        assertTrue(queue, queue.contains("<p class=\"statline blixard-unavailable\">The job queue is not available on"
                + " this node right now: its query service is not registered"));
        assertFalse(queue, queue.contains("<table"));
        assertEquals(2, count(section(page, "blixard-workers"), "<tr data-worker="));
        assertTrue(page, page.contains("This node leads the group"));
    }

    @Test
    public void everyAbsentServiceIsASentenceNotAnError() {
        String page = render(new ConsoleSources(null, null, null, null, List.of(), List.of()));

        assertTrue(page, section(page, "blixard-queue").contains("The job queue is not available on this node"));
        assertTrue(page, section(page, "blixard-workers").contains("The worker registry is not available"));
        assertTrue(page, section(page, "blixard-backends").contains("No execution backends are registered"));
        assertTrue(page, section(page, "blixard-backends").contains("No plugins"));
        assertTrue(page, section(page, "blixard-cluster").contains("The cluster view is not available"));
        assertTrue(page, section(page, "blixard-health").contains("The node&#39;s health is not available"));
    }

    @Test
    public void aServiceThatThrowsIsDescribedInItsOwnSection() {
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(Fakes.queries(() -> {
            throw new IllegalStateException("disk I/O error");
        }), node.workers(), node.cluster(), node.health(), node.backends(), node.plugins()));

        String queue = section(page, "blixard-queue");
        assertTrue(queue, queue.contains("The job queue could not be read: IllegalStateException: disk I/O error."
                + " The node&#39;s log has the details."));
        assertEquals(2, count(section(page, "blixard-workers"), "<tr data-worker="));
    }

    @Test
    public void aQueueThatLostItsLeaderMidRequestSaysItIsUnavailable() {
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(Fakes.queries(() -> {
            throw new UnavailableException("the store has no leader");
        }), node.workers(), node.cluster(), node.health(), node.backends(), node.plugins()));

        assertTrue(page, section(page, "blixard-queue").contains(
                "The job queue is not available on this node right now: the store has no leader."));
    }

    @Test
    public void aBackendWhoseHealthThrowsShowsItInItsRowAndIsLogged() {
        ExecutionBackend broken = new Fakes.FakeBackend("broken", () -> {
            throw new IllegalStateException("engine vanished");
        });
        ConsoleSources node = Fakes.node();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        String page;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            page = render(new ConsoleSources(node.queries(), node.workers(), node.cluster(), node.health(),
                    List.of(Fakes.backend("mock"), broken), node.plugins()));
        } finally {
            System.setErr(stderr);
        }

        String backends = section(page, "blixard-backends");
        assertTrue(backends, backends.contains("<tr data-backend=\"broken\"><td>broken</td><td>broken backend</td>"
                + "<td>0.1.0</td><td>unknown</td><td><span class=\"blixard-state blixard-down\">DOWN</span>"
                + " <span class=\"blixard-message\">the health check failed: IllegalStateException: engine vanished"
                + "</span></td><td class=\"blixard-number\">2 running of 8</td>"));
        assertTrue(backends, backends.contains("<tr data-backend=\"mock\">"));
        assertTrue(backends, backends.contains("blixard-state blixard-up"));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged, logged.contains("execution backend 'broken'"));
        assertTrue(logged, logged.contains("failed in health()"));
        assertTrue(logged, logged.contains("engine vanished"));
    }

    @Test
    public void aPluginThatThrowsStaysInTheList() {
        Plugin broken = new Plugin() {
            @Override
            public dev.blixard.api.plugin.PluginMetadata metadata() {
                throw new IllegalStateException("no metadata today");
            }

            @Override
            public Health health() {
                throw new IllegalStateException("no health either");
            }
        };
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(node.queries(), node.workers(), node.cluster(), node.health(),
                node.backends(), List.of(new RegisteredPlugin(broken, List.of("validator")),
                        new RegisteredPlugin(Fakes.plugin("fine", "Works."), List.of("plugin")))));

        String backends = section(page, "blixard-backends");
        assertTrue(backends, backends.contains("the health check failed: IllegalStateException: no health either"));
        assertTrue(backends, backends.contains("its metadata could not be read: IllegalStateException: no metadata"));
        assertTrue(backends, backends.contains("<tr data-plugin=\"fine\">"));
    }

    @Test
    public void aHostileWorkerIdIsEscapedEverywhere() {
        String hostile = "<script>alert('x')</script>\"${appRoot}\\";
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(node.queries(), Fakes.workers(List.of(Fakes.workerWithRawId(hostile))),
                node.cluster(), node.health(), node.backends(), node.plugins()));

        assertFalse(page, page.contains("<script"));
        assertFalse(page, page.contains("${"));
        assertFalse(page, page.contains("\\"));
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#36;{appRoot}&#92;";
        assertTrue(page, page.contains("<tr data-worker=\"" + escaped + "\"><td>" + escaped + "</td>"));
    }

    @Test
    public void hostileTextFromPluginsAndBackendsIsEscaped() {
        ExecutionBackend backend = new Fakes.FakeBackend("evil", () -> new BackendHealth(
                Health.down("<img src=x onerror=alert(1)>"), "<b>engine</b>"));
        Plugin plugin = Fakes.plugin("<i>name</i>", "<a href=\"javascript:alert(1)\">click</a>");
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(node.queries(), node.workers(), node.cluster(), node.health(),
                List.of(backend), List.of(new RegisteredPlugin(plugin, List.of("plugin")))));

        assertFalse(page, page.contains("<img"));
        assertFalse(page, page.contains("<b>"));
        assertFalse(page, page.contains("<i>"));
        assertFalse(page, page.contains("<a href=\"javascript"));
        assertTrue(page, page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    public void noLeaderIsSaidInWords() {
        ConsoleSources node = Fakes.node();
        String page = render(new ConsoleSources(node.queries(), node.workers(),
                Fakes.cluster(new dev.blixard.api.service.ClusterStatus("node-2", "CANDIDATE", null, 9, 120, 120, List.of())),
                node.health(), node.backends(), node.plugins()));

        String cluster = section(page, "blixard-cluster");
        assertTrue(cluster, cluster.contains("The group has no leader right now: an election is running"));
        assertTrue(cluster, cluster.contains("<td>none (an election is running)</td>"));
        assertTrue(cluster, cluster.contains("<td>120 (up to date)</td>"));
    }

    @Test
    public void theDashboardLinkIsTheOneGiven() {
        String page = new ConsolePage(Fakes.node(), "/app/").render(NOW);
        assertTrue(page, page.contains("<a id=\"blixard-dashboard-link\" href=\"/app/\">Blixard dashboard</a>"));
    }

    private static String render(ConsoleSources sources) {
        return new ConsolePage(sources, "/").render(NOW);
    }

    /** @return the {@code <section>} with this id, from its start tag to its end tag */
    static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertTrue("no section " + id + " in " + page, start >= 0);
        int end = page.indexOf("</section>", start);
        assertTrue("section " + id + " is not closed", end > start);
        return page.substring(start, end + "</section>".length());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
