package dev.blixard.integration.browser;

import dev.blixard.testing.NodeApi;
import dev.blixard.testing.BlixardNode;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard of a real node in headless Chromium, used as a person would: signing in, watching a job go
 * from submitted to Completed without reloading, filtering and paging the jobs, submitting, cancelling and
 * retrying from the page, and the words it shows when something is wrong. Jobs run on the node's mock
 * backend, whose payload says how long a job takes and how it ends.
 */
public class DashboardIT {

    private static final Duration API_DEADLINE = Duration.ofSeconds(30);

    @ClassRule
    public static final NodeRule NODE = new NodeRule("DashboardIT");

    private final BrowserRule browser = new BrowserRule();

    /** The browser outside, so a failing test's screenshot and the node's output come before the browser quits. */
    @Rule
    public final TestRule rules = RuleChain.outerRule(browser).around(NODE.outputOnFailure());

    @Test
    public void loadsAsksForTheTokenOnceAndKeepsItForTheTab() {
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "overview");
        page.enterToken("bxt_" + "x".repeat(43));
        page.textContains(By.id("token-error"), "does not accept that token");
        assertEquals("true", page.visible(By.id("token-input")).getAttribute("aria-invalid"));

        page.signIn();
        page.visible(By.cssSelector("#queue-counts .card[data-status=\"Completed\"]"));
        page.textContains(By.id("live-status"), "Live");
        assertEquals("Overview · Blixard", browser.driver().getTitle());
        assertEquals("every file and call the page made went to the node itself (no CDN)", List.of(),
                page.script("performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(url => !url.startsWith(location.origin + '/'))"));

        browser.driver().navigate().refresh();
        page.visible(By.cssSelector("#queue-counts .card[data-status=\"Pending\"]"));
        assertTrue("the token dialog after a reload: the token is kept for the tab",
                browser.driver().findElements(By.cssSelector("#token-dialog[open]")).isEmpty());

        Browsers.phoneSize(browser.driver());
        page.show("jobs").visible(By.id("jobs-table"));
        assertEquals("the page is as wide as a phone's screen (tables scroll inside it)", Boolean.TRUE,
                page.script("document.documentElement.scrollWidth <= window.innerWidth"));
        Screenshots.save(browser.driver(), "dashboard-jobs-phone");
    }

    @Test
    public void theFilesAreServedWithTheirTypesAndAStrictContentSecurityPolicy() {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy, policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("text/javascript;charset=utf-8",
                get("/js/app.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, get("/js/no-such-file.js").statusCode());
        int escape = get("/js/%2e%2e/%2e%2e/OSGI-INF/").statusCode();
        assertTrue("an encoded way out of the dashboard's folder answered " + escape, escape == 400 || escape == 404);
        String etag = page.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/", "If-None-Match", etag).statusCode());
    }

    @Test
    public void theOverviewChartsThroughputWhileJobsRun() throws Exception {
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "overview").signIn();
        page.visible(By.cssSelector("#queue-counts .card[data-status=\"Completed\"]"));
        long completedBefore = node().api().getJson("/api/queue/stats").path("by_status").path("Completed").asLong();
        for (int i = 0; i < 40; i++) {
            node().api().publish(job(Map.of("duration_ms", 20 + i * 10), "mock", Map.of()));
        }
        for (int i = 0; i < 4; i++) {
            node().api().publish(job(Map.of("outcome", "fail"), "mock", Map.of("max_attempts", 1)));
        }
        // The chart draws the growth of Completed between samples taken every 5 s: two intervals at least.
        WebElement chart = page.visible(By.cssSelector("#throughput-chart svg.chart"));
        String summary = chart.getAttribute("aria-label");
        assertTrue(summary, summary.startsWith("Throughput chart. Now "));
        node().poll("the 40 jobs completed", API_DEADLINE, () -> node().api().getJson("/api/queue/stats")
                .path("by_status").path("Completed").asLong(), completed -> completed >= completedBefore + 40);
        page.textContains(By.cssSelector("#queue-counts .card[data-status=\"Completed\"] .card-value"),
                String.valueOf(node().api().getJson("/api/queue/stats").path("by_status").path("Completed").asLong()));
        page.visible(By.cssSelector("#types tr[data-worker-type=\"mock\"]"));
        Screenshots.save(browser.driver(), "dashboard-overview");
    }

    @Test
    public void aJobSubmittedThroughTheApiAppearsAndCompletesWithoutAReload() throws Exception {
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "jobs").signIn();
        page.visible(By.id("jobs-table"));
        page.textContains(By.id("live-status"), "Live");
        page.script("window.blixardTestMarker = 'this page was not reloaded'");

        String id = node().api().publish(job(Map.of("duration_ms", 1500), "mock", Map.of()));

        page.visible(By.cssSelector("tr[data-job-id=\"" + id + "\"]"));
        page.jobRowWithStatus(id, "Completed");
        assertEquals("Completed", node().api().job(id).path("status").asText());
        assertEquals("this page was not reloaded", page.script("window.blixardTestMarker"));
        Screenshots.save(browser.driver(), "dashboard-jobs");
    }

    @Test
    public void filtersAndPagesTheJobs() throws Exception {
        String tenant = "paging";
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            waiting.add(node().api().publish(job(Map.of("n", i), "nobody-runs-this", Map.of("tenant", tenant))));
        }
        List<String> done = List.of(
                node().api().publish(job(Map.of("duration_ms", 10), "mock", Map.of("tenant", tenant))),
                node().api().publish(job(Map.of("duration_ms", 10), "mock", Map.of("tenant", tenant))));
        for (String id : done) {
            node().poll("job " + id + " Completed", API_DEADLINE, () -> node().api().job(id).path("status").asText(),
                    "Completed"::equals);
        }

        DashboardPage page = DashboardPage.open(browser.driver(), node(), "jobs").signIn();
        page.visible(By.id("filter-tenant")).sendKeys(tenant);
        new Select(page.visible(By.id("filter-status"))).selectByValue("Pending");
        page.click(By.id("filter-apply"));

        Set<String> firstPage = page.jobIds(20);
        assertTrue(browser.driver().getCurrentUrl(), browser.driver().getCurrentUrl().contains("tenant=paging"));
        page.click(By.id("page-next"));
        page.textContains(By.id("page-number"), "Page 2");
        Set<String> secondPage = page.jobIds(3);
        assertTrue("pages overlap", secondPage.stream().noneMatch(firstPage::contains));
        Set<String> shown = new HashSet<>(firstPage);
        shown.addAll(secondPage);
        assertEquals("both pages together are exactly the waiting jobs", Set.copyOf(waiting), shown);
        page.click(By.id("page-previous"));
        page.textContains(By.id("page-number"), "Page 1");
        assertEquals(firstPage, page.jobIds(20));

        new Select(page.visible(By.id("filter-status"))).selectByValue("Completed");
        page.click(By.id("filter-apply"));
        assertEquals(Set.copyOf(done), page.jobIds(2));
        for (String id : done) {
            page.jobRowWithStatus(id, "Completed");
        }
    }

    @Test
    public void submitsCancelsAndRetriesFromThePage() throws Exception {
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "submit").signIn();
        WebElement payload = page.visible(By.id("submit-payload"));
        payload.clear();
        payload.sendKeys("{\"outcome\": \"hang\", \"from\": \"the dashboard\"}");
        page.visible(By.id("submit-worker-types")).sendKeys("mock");
        page.click(By.id("submit-job"));

        String id = page.textContains(By.cssSelector("main h1"), "Job ").getText().substring("Job ".length());
        JsonNode submitted = node().api().job(id);
        assertEquals("the dashboard", submitted.path("payload").path("from").asText());
        assertEquals("mock", submitted.path("worker_types").get(0).asText());
        page.detailStatus("InProgress");

        page.click(By.id("job-cancel"));
        page.detailStatus("Cancelled");
        assertEquals("Cancelled", node().api().job(id).path("status").asText());
        Screenshots.save(browser.driver(), "dashboard-job-cancelled");

        page.click(By.id("job-retry"));
        page.detailStatus("InProgress");
        assertNotEquals("Cancelled", node().api().job(id).path("status").asText());
        page.click(By.id("job-cancel")); // the mock would hang forever: stop it again
        page.detailStatus("Cancelled");

        String failing = node().api().publish(job(Map.of("outcome", "fail"), "mock", Map.of("max_attempts", 1)));
        node().poll("job " + failing + " Failed", API_DEADLINE,
                () -> node().api().job(failing).path("status").asText(), "Failed"::equals);
        page.show("jobs/" + failing).detailStatus("Failed");
        page.click(By.id("job-retry"));
        JsonNode retried = node().poll("job " + failing + " failed a second time", API_DEADLINE,
                () -> node().api().job(failing), job -> job.path("attempts").size() == 2
                        && "Failed".equals(job.path("status").asText()));
        assertEquals(2, retried.path("attempt").asInt());
        page.visible(By.cssSelector("#job-detail table tbody tr:nth-child(2)"));
        page.detailStatus("Failed");
    }

    @Test
    public void mistakesAndRefusalsAreShownInWords() throws Exception {
        long before = node().api().getJson("/api/queue/stats").path("total").asLong();
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "submit").signIn();
        WebElement payload = page.visible(By.id("submit-payload"));
        payload.clear();
        payload.sendKeys("{not json");
        page.click(By.id("submit-job"));
        page.textContains(By.id("submit-payload-error"), "not valid JSON");

        payload.clear();
        payload.sendKeys("{}");
        WebElement attempts = page.visible(By.id("submit-max-attempts"));
        attempts.clear();
        attempts.sendKeys("0");
        page.click(By.id("submit-job"));
        page.textContains(By.id("submit-max-attempts-error"), "out of range");
        page.textContains(By.id("submit-problem"), "Nothing was submitted");
        assertEquals("nothing was submitted", before, node().api().getJson("/api/queue/stats").path("total").asLong());

        page.show("jobs/01NOSUCHJOB0000000000000000");
        page.textContains(By.cssSelector("#job-detail .problem"), "Could not load job");

        JsonNode client = NodeApi.read(node().api().send("POST", "/api/tokens",
                NodeApi.write(Map.of("role", "client", "tenant", "words", "description", "revoked by DashboardIT")))
                .body());
        page.show("overview");
        browser.driver().findElement(By.id("sign-out")).click();
        page.signIn(client.path("secret").asText());
        page.textContains(By.cssSelector("#queue-counts .problem"), "admin token");

        assertEquals(204, node().api().statusOf("DELETE", "/api/tokens/" + client.path("id").asText(), null));
        page.show("jobs");
        page.textContains(By.id("token-error"), "no longer accepts your token");
    }

    @Test
    public void everyControlHasAName() {
        DashboardPage page = DashboardPage.open(browser.driver(), node(), "overview").signIn();
        assertEquals("en", page.script("document.documentElement.lang"));
        for (String view : List.of("overview", "jobs", "submit", "workers", "backends", "cluster")) {
            page.show(view);
            page.visible(By.cssSelector("main h1"));
            page.visible(By.cssSelector("main [aria-busy], main table, main form, main .cards"));
            assertEquals(view + ": controls without a label", 0L, page.script("[...document.querySelectorAll("
                    + "'main input, main select, main textarea')].filter(c => c.labels.length === 0).length"));
            assertEquals(view + ": buttons and links without a name", 0L, page.script("[...document.querySelectorAll("
                    + "'button, a')].filter(b => !(b.textContent.trim() || b.getAttribute('aria-label'))).length"));
            assertEquals(view + ": images without alt", 0L,
                    page.script("[...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length"));
            assertEquals(view + ": one h1", 1L, page.script("document.querySelectorAll('h1').length"));
        }
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url(path))).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static BlixardNode node() {
        return NODE.node();
    }

    /** A publish request: {@code payload} for the worker type, plus any other top-level fields. */
    private static String job(Map<String, Object> payload, String workerType, Map<String, Object> more) {
        Map<String, Object> request = new HashMap<>(more);
        request.put("payload", payload);
        request.put("worker_types", List.of(workerType));
        return NodeApi.write(request);
    }
}
