package dev.blixard.integration.browser;

import dev.blixard.testing.WorkDirs;
import dev.blixard.testing.NodeApi;
import dev.blixard.testing.BlixardNode;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Felix Web Console of a real node, in headless Chromium: the Blixard tab for the admin, the refusal of
 * everyone else, and installing a third-party backend (the {@code echo} test backend) through the console's
 * own Bundles tab, which then runs jobs and shows up in the REST API and on the dashboard.
 */
public class WebConsoleIT {

    private static final Duration UI_WAIT = Duration.ofSeconds(15);
    private static final Duration BACKEND_DEADLINE = Duration.ofSeconds(30);
    private static final String TEST_BACKEND_BSN = "blixard.integration.testbackend";
    private static final String TEST_BACKEND_NAME = "Blixard integration test backend";
    private static final String ECHO = "echo";

    @ClassRule
    public static final NodeRule NODE = new NodeRule("WebConsoleIT");

    private final BrowserRule browser = new BrowserRule();

    /** The browser outside, so a failing test's screenshot and the node's output come before the browser quits. */
    @Rule
    public final TestRule rules = RuleChain.outerRule(browser).around(NODE.outputOnFailure());

    @Test
    public void theBlixardTabShowsQueueWorkersBackendsAndClusterToTheAdmin() {
        WebDriver driver = browser.driver();
        ConsoleLogin.open(driver, NODE.node(), "/system/console/blixard");

        WebElement console = new WebDriverWait(driver, UI_WAIT)
                .withMessage(() -> "the Blixard tab (#blixard-console) did not render; the browser shows \""
                        + driver.getTitle() + "\" at " + ConsoleLogin.redact(driver.getCurrentUrl()))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("blixard-console")));
        Screenshots.save(driver, "console-blixard-tab");
        for (String section : List.of("blixard-queue", "blixard-workers", "blixard-backends", "blixard-cluster")) {
            assertEquals("section #" + section + " of the Blixard tab", 1,
                    console.findElements(By.id(section)).size());
        }
        List<WebElement> dashboardLinks = driver.findElements(By.id("blixard-dashboard-link"));
        assertEquals("the link #blixard-dashboard-link", 1, dashboardLinks.size());
        String href = dashboardLinks.get(0).getDomAttribute("href");
        assertTrue("the dashboard link has a target: " + href, href != null && !href.isBlank());
    }

    @Test
    public void theConsoleRefusesMissingAndWrongCredentials() throws Exception {
        BlixardNode node = NODE.node();
        String tab = node.url("/system/console/blixard");
        String token = node.adminToken();
        assertEquals("no credentials", 401, NodeProcess.get(tab, null).statusCode());
        assertEquals("wrong password", 401, NodeProcess.get(tab, "admin:wrong-" + token).statusCode());
        assertEquals("another user with the token", 401, NodeProcess.get(tab, "root:" + token).statusCode());
        assertEquals("the bundle list without credentials", 401,
                NodeProcess.get(node.url(BundlesPage.PATH + ".json"), null).statusCode());

        WebDriver driver = browser.driver();
        driver.get(tab);
        assertShowsNoConsole(driver, "without credentials");
        driver.get(ConsoleLogin.withCredentials(tab, "admin", "wrong-" + token));
        assertShowsNoConsole(driver, "with a wrong password");
    }

    @Test
    public void aBackendInstalledThroughTheBundlesTabRunsJobs() throws Exception {
        BlixardNode node = NODE.node();
        // A fresh install every time, even if another test of this class installed it already.
        BundlesPage.uninstallIfPresent(node, TEST_BACKEND_BSN);
        installTestBackendThroughTheConsole();

        Optional<String> row = new BundlesPage(browser.driver(), node, UI_WAIT).rowOf(TEST_BACKEND_NAME);
        assertTrue("the Bundles tab lists " + TEST_BACKEND_NAME, row.isPresent());
        assertTrue("the Bundles tab shows it active: " + row.get(), row.get().contains("Active"));
        Screenshots.save(browser.driver(), "console-bundles-testbackend");

        JsonNode echo = node.poll("backend " + ECHO + " in GET /api/backends", BACKEND_DEADLINE,
                () -> backend(node, ECHO), Optional::isPresent).orElseThrow();
        assertEquals("Up", echo.path("health").path("status").asText());
        assertEquals(ECHO, echo.path("name").asText());
        assertEquals("Blixard integration tests", echo.path("vendor").asText());

        Map<String, Object> payload = Map.of("greeting", "hello from the browser test", "numbers", List.of(1, 2, 3));
        String jobId = node.api().publish(NodeApi.write(Map.of("payload", payload, "worker_types", List.of(ECHO))));
        JsonNode job = node.poll("job " + jobId + " completed by the echo backend", BACKEND_DEADLINE,
                () -> node.api().job(jobId), j -> j.path("status").asText().matches("Completed|Failed|Cancelled"));
        assertEquals("job " + job, "Completed", job.path("status").asText());
        assertEquals("the result echoes the payload", NodeApi.JSON.valueToTree(payload),
                job.path("result").path("output"));
        assertEquals(ECHO, job.path("result").path("backend").asText());
    }

    @Test
    public void theDashboardListsABackendInstalledThroughTheConsole() throws Exception {
        BlixardNode node = NODE.node();
        if (BundlesPage.stateOf(node, TEST_BACKEND_BSN).isEmpty()) {
            installTestBackendThroughTheConsole();
        }
        node.poll("backend " + ECHO + " in GET /api/backends", BACKEND_DEADLINE, () -> backend(node, ECHO),
                Optional::isPresent);

        WebDriver driver = browser.driver();
        driver.get(node.url("/#/backends"));
        new WebDriverWait(driver, UI_WAIT)
                .withMessage("the dashboard's token dialog (#token-input) did not show at /#/backends")
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
                .sendKeys(node.adminToken());
        driver.findElement(By.id("token-submit")).click();
        new WebDriverWait(driver, UI_WAIT)
                .withMessage("no row tr[data-backend=\"" + ECHO + "\"] on the dashboard's backends page")
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("tr[data-backend=\"" + ECHO + "\"]")));
        Screenshots.save(driver, "dashboard-backends-echo");
    }

    /**
     * Installs and starts the test backend jar through the Bundles tab's dialog and waits until the console
     * reports it active.
     */
    private void installTestBackendThroughTheConsole() throws InterruptedException {
        BlixardNode node = NODE.node();
        Path jar = WorkDirs.requiredFile("blixard.testbackend.jar", "the module integration/test-backend");
        new BundlesPage(browser.driver(), node, UI_WAIT).open().install(jar, true);
        String state = node.poll(TEST_BACKEND_BSN + " active in " + BundlesPage.PATH + ".json", BACKEND_DEADLINE,
                () -> BundlesPage.stateOf(node, TEST_BACKEND_BSN), s -> s.filter("Active"::equals).isPresent())
                .orElseThrow();
        assertEquals("Active", state);
    }

    private static Optional<JsonNode> backend(BlixardNode node, String type) {
        JsonNode backends = node.api().getJson("/api/backends").path("backends");
        return StreamSupport.stream(backends.spliterator(), false)
                .filter(b -> type.equals(b.path("type").asText()))
                .findFirst();
    }

    private static void assertShowsNoConsole(WebDriver driver, String how) {
        assertTrue("no #blixard-console " + how, driver.findElements(By.id("blixard-console")).isEmpty());
        assertFalse("no Web Console page " + how + ": " + driver.getTitle(),
                driver.getTitle().contains("Web Console"));
    }
}
