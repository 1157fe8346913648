package dev.blixard.integration.plugins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeApi;
import dev.blixard.testing.WorkDirs;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * The example CSV plugin ({@code examples/blixard.example.csv}), built as an outsider builds it, deployed,
 * replaced and removed while a real node runs: through {@code DIR/deploy} and through the Web Console's
 * Bundles tab.
 */
public class ExamplePluginIT {
    private static final String JAR_NAME = "blixard.example.csv.jar";
    private static final String PROCESSOR = "csv-aggregate";
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

    @Rule
    public final StartedNodes nodes = new StartedNodes();

    @Test
    public void aDeployedJarServesItsWorkerTypeWithinFiveSecondsRunsPendingJobsAndValidatesTheNextSubmit()
            throws Exception {
        Path work = WorkDirs.fresh("example-deploy-data");
        BlixardNode node = nodes.start("example-deploy");
        Queue queue = new Queue(node);
        SalesData sales = SalesData.write(work.resolve("sales.csv"), 1_000);
        Path summary = work.resolve("summary.csv");
        String waiting = queue.publish("csv", sales.aggregateInto(summary));
        assertEquals("no csv worker yet", "Pending", queue.status(waiting));

        long deployedAt = System.nanoTime();
        new DeployDirectory(node.dataDir()).put(BundleJars.exampleCsv(), JAR_NAME);
        queue.awaitActiveWorker("csv");
        long availableMillis = Duration.ofNanos(System.nanoTime() - deployedAt).toMillis();
        System.out.println("csv worker available " + availableMillis + " ms after the jar landed in deploy/");
        assertTrue("the csv worker type took " + availableMillis + " ms to appear", availableMillis <= 5_000);

        JsonNode done = queue.awaitAll(List.of(waiting), "Completed", JOB_DEADLINE).get(0);
        JsonNode output = done.path("result").path("output");
        assertEquals(1_000, output.path("rows_read").asLong());
        assertEquals(4, output.path("groups").asInt());
        assertEquals("1.0.0", output.path("processor_version").asText());
        assertSums(sales, summary);

        HttpResponse<String> refused = node.api().send("POST", "/api/queue/publish", NodeApi.write(Map.of(
                "worker_types", List.of("csv"), "payload", Map.of("dataset", "relative/sales.csv",
                        "operation", "aggregate", "output", summary.toString()))));
        assertEquals(refused.body(), 422, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("dataset"));
    }

    @Test
    public void replacingTheJarUnderLoadSwitchesToTheNewVersionAndLosesNoJob() throws Exception {
        Path work = WorkDirs.fresh("example-replace-data");
        BlixardNode node = nodes.start("example-replace");
        Queue queue = new Queue(node);
        DeployDirectory deploy = new DeployDirectory(node.dataDir());
        deploy.put(BundleJars.exampleCsv(), JAR_NAME);
        queue.awaitActiveWorker("csv");
        SalesData sales = SalesData.write(work.resolve("sales.csv"), 20_000);

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            jobs.add(queue.publish("csv", sales.aggregateInto(work.resolve("before-" + i + ".csv"))));
        }
        deploy.put(BundleJars.withVersion(BundleJars.exampleCsv(), "1.0.1", work), JAR_NAME);
        for (int i = 0; i < 30; i++) {
            jobs.add(queue.publish("csv", sales.aggregateInto(work.resolve("during-" + i + ".csv"))));
        }
        node.poll("version 1.0.1 of " + PROCESSOR, Duration.ofSeconds(30), () -> queue.pluginVersion(PROCESSOR),
                "1.0.1"::equals);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            after.add(queue.publish("csv", sales.aggregateInto(work.resolve("after-" + i + ".csv"))));
        }
        jobs.addAll(after);

        // One attempt each: a job running in the old version when it went away is released, not failed.
        List<JsonNode> completed = queue.awaitAll(jobs, "Completed", Duration.ofSeconds(180));
        long released = completed.stream().mapToLong(job -> Queue.attemptsWithOutcome(job, "Released")).sum();
        System.out.println(jobs.size() + " jobs completed across the replacement; " + released + " released and re-run");
        assertEquals("1.0.0", completed.get(0).path("result").path("output").path("processor_version").asText());
        for (JsonNode job : completed.subList(completed.size() - after.size(), completed.size())) {
            assertEquals("job " + job.path("id").asText(), "1.0.1",
                    job.path("result").path("output").path("processor_version").asText());
        }
        assertSums(sales, work.resolve("after-9.csv"));
    }

    @Test
    public void theWebConsoleInstallsUpdatesAndUninstallsThePlugin() throws Exception {
        Path work = WorkDirs.fresh("example-console-data");
        BlixardNode node = nodes.start("example-console");
        Queue queue = new Queue(node);
        WebConsole console = new WebConsole(node);
        SalesData sales = SalesData.write(work.resolve("sales.csv"), 100);

        console.install(BundleJars.exampleCsv());
        queue.awaitActiveWorker("csv");
        String first = queue.publish("csv", sales.aggregateInto(work.resolve("first.csv")));
        assertEquals("1.0.0", queue.awaitAll(List.of(first), "Completed", JOB_DEADLINE).get(0)
                .path("result").path("output").path("processor_version").asText());

        long bundleId = console.bundle("blixard.example.csv").orElseThrow().path("id").asLong();
        console.update(bundleId, BundleJars.withVersion(BundleJars.exampleCsv(), "1.0.1", work));
        node.poll("version 1.0.1 of " + PROCESSOR, Duration.ofSeconds(30), () -> queue.pluginVersion(PROCESSOR),
                "1.0.1"::equals);
        String second = queue.publish("csv", sales.aggregateInto(work.resolve("second.csv")));
        assertEquals("1.0.1", queue.awaitAll(List.of(second), "Completed", JOB_DEADLINE).get(0)
                .path("result").path("output").path("processor_version").asText());

        console.act(bundleId, "uninstall");
        node.poll("the plugin gone from /api/plugins", Duration.ofSeconds(30), () -> queue.pluginVersion(PROCESSOR),
                String::isEmpty);
        node.poll("no active csv worker", Duration.ofSeconds(30), () -> queue.activeWorkers("csv"), List::isEmpty);
        assertTrue(console.bundle("blixard.example.csv").isEmpty());
        String orphan = queue.publish("csv", sales.aggregateInto(work.resolve("third.csv")));
        assertEquals("nothing runs csv jobs any more", "Pending", queue.status(orphan));
    }

    /** The summary holds every region's exact sum of {@code amount}. */
    private static void assertSums(SalesData sales, Path summary) throws Exception {
        List<String> lines = Files.readAllLines(summary);
        assertEquals("region,amount,units,count", lines.get(0));
        assertEquals("a header and four regions: " + lines, 5, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertEquals(line, 0, sales.amountOf(fields[0]).compareTo(new BigDecimal(fields[1])));
        }
    }
}
