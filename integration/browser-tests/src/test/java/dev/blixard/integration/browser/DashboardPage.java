package dev.blixard.integration.browser;

import dev.blixard.testing.BlixardNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, for the browser tests: open a view, sign in through the token dialog,
 * and wait for what the page shows. Every wait has a deadline and a message that says what was missing.
 */
final class DashboardPage {

    /** How long the page may take to show something after the API or the event stream changed it. */
    static final Duration UI_WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final BlixardNode node;

    private DashboardPage(WebDriver driver, BlixardNode node) {
        this.driver = driver;
        this.node = node;
    }

    /** Opens the dashboard at {@code #/VIEW} (for example {@code jobs?tenant=t}); a token may be asked for. */
    static DashboardPage open(WebDriver driver, BlixardNode node, String view) {
        driver.get(node.url("/#/" + view));
        return new DashboardPage(driver, node);
    }

    /** Goes to another view of the already open page (no reload: only the address's fragment changes). */
    DashboardPage show(String view) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", "#/" + view);
        return this;
    }

    /** Types the token into the dialog and presses Enter, as a keyboard user would. */
    DashboardPage enterToken(String token) {
        WebElement input = until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")),
                "the token dialog");
        input.clear();
        input.sendKeys(token, Keys.ENTER);
        return this;
    }

    /** Signs in with the node's admin token and waits until the dialog has closed. */
    DashboardPage signIn() {
        return signIn(node.adminToken());
    }

    DashboardPage signIn(String token) {
        enterToken(token);
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-dialog")), "the token dialog to close");
        return this;
    }

    /** Waits for an element to be visible. */
    WebElement visible(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator), "a visible " + locator);
    }

    /** Waits for an element's text to contain {@code words}. */
    WebElement textContains(By locator, String words) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, words),
                () -> "\"" + words + "\" in " + locator + " (it shows \"" + textOf(locator) + "\")");
        return driver.findElement(locator);
    }

    /**
     * Waits until the jobs table has exactly {@code count} job rows and returns their job ids, read in one step
     * in the page (the live table may re-render between two calls from here).
     */
    Set<String> jobIds(int count) {
        AtomicReference<List<?>> seen = new AtomicReference<>(List.of());
        until(d -> {
            List<?> ids = (List<?>) script("[...document.querySelectorAll('#jobs-table tbody tr[data-job-id]')]"
                    + ".map(row => row.dataset.jobId)");
            seen.set(ids);
            return ids.size() == count ? ids : null;
        }, () -> count + " rows in the jobs table (it has " + seen.get().size() + ")");
        Set<String> ids = new HashSet<>();
        seen.get().forEach(id -> ids.add((String) id));
        return ids;
    }

    /** Waits until the job's row in the jobs table shows {@code status}. */
    WebElement jobRowWithStatus(String jobId, String status) {
        return visible(By.cssSelector("tr[data-job-id=\"" + jobId + "\"][data-status=\"" + status + "\"]"));
    }

    /** Waits until the job detail page shows {@code status}. */
    void detailStatus(String status) {
        visible(By.cssSelector("#job-status[data-status=\"" + status + "\"]"));
    }

    /**
     * Clicks a button once it is enabled. A live view re-renders when events arrive, so the button found may be
     * replaced before the click lands: then the click is tried again on the new one.
     */
    void click(By locator) {
        until(d -> {
            try {
                WebElement button = ExpectedConditions.elementToBeClickable(locator).apply(d);
                if (button == null) {
                    return null;
                }
                button.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        }, "an enabled " + locator);
    }

    /** The value of a JavaScript expression in the page. */
    Object script(String expression) {
        return ((JavascriptExecutor) driver).executeScript("return " + expression);
    }

    WebDriver driver() {
        return driver;
    }

    private String textOf(By locator) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? "nothing: no such element" : found.get(0).getText();
    }

    private <T> T until(Function<WebDriver, T> condition, String what) {
        return until(condition, () -> what);
    }

    /** @param what evaluated only when the wait fails, so it can describe the page as it was then */
    private <T> T until(Function<WebDriver, T> condition, Supplier<String> what) {
        return new WebDriverWait(driver, UI_WAIT).withMessage(() -> "the dashboard did not show " + what.get()
                + " within " + UI_WAIT.toSeconds() + " s").until(condition);
    }
}
