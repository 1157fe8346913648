package dev.blixard.integration.browser;

import dev.blixard.testing.NodeApi;
import dev.blixard.testing.BlixardNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Web Console's Bundles tab ({@code /system/console/bundles}, Felix Web Console 5.0.18), driven as a
 * person would: its "Install/Update..." button ({@code button.installButton}) opens the jQuery UI dialog
 * {@code #uploadDialog}, whose form has the "Start Bundle" checkbox ({@code input[name=bundlestart]}) and a
 * jQuery MultiFile file input ({@code input[type=file][name=bundlefile]}; once a file is chosen the plugin
 * moves that input out of sight, lists the file under {@code .MultiFile-list} and adds an empty input); the
 * dialog's "Install or Update" button posts the form, the console installs (and starts) the bundle in the
 * background and redirects back to the list. Markup and script: webconsole's {@code templates/bundles.html}
 * and {@code res/ui/bundles.js}.
 */
final class BundlesPage {

    static final String PATH = "/system/console/bundles";
    private static final By INSTALL_BUTTON = By.cssSelector("button.installButton");
    private static final By DIALOG = By.id("uploadDialog");
    private static final By START_CHECKBOX = By.cssSelector("#uploadDialog input[type=checkbox][name=bundlestart]");
    private static final By FILE_INPUT = By.cssSelector("#uploadDialog input[type=file][name=bundlefile]");
    private static final By CHOSEN_FILES = By.cssSelector("#uploadDialog .MultiFile-list .MultiFile-title");
    private static final By DIALOG_INSTALL = By.xpath("//div[@id='uploadDialog']/parent::div"
            + "//div[contains(@class,'ui-dialog-buttonpane')]//button[normalize-space()='Install or Update']");
    private static final By BUNDLE_ROWS = By.cssSelector("#plugin_table tbody tr");

    private final WebDriver driver;
    private final BlixardNode node;
    private final WebDriverWait wait;

    BundlesPage(WebDriver driver, BlixardNode node, Duration timeout) {
        this.driver = driver;
        this.node = node;
        this.wait = new WebDriverWait(driver, timeout);
    }

    /** Opens the tab as {@code admin} and waits until the script has drawn the bundle list. */
    BundlesPage open() {
        ConsoleLogin.open(driver, node, PATH);
        wait.until(d -> d.findElements(BUNDLE_ROWS).size() > 1);
        return this;
    }

    /**
     * Uploads {@code jar} through the "Install/Update..." dialog, with "Start Bundle" ticked when {@code start},
     * and waits until the console is back on the bundle list. The install itself finishes in the background.
     */
    void install(Path jar, boolean start) {
        WebElement oldList = driver.findElement(By.id("plugin_table"));
        wait.until(ExpectedConditions.elementToBeClickable(INSTALL_BUTTON)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        WebElement startBox = driver.findElement(START_CHECKBOX);
        if (startBox.isSelected() != start) {
            startBox.click();
        }
        driver.findElement(FILE_INPUT).sendKeys(jar.toString());
        String fileName = jar.getFileName().toString();
        wait.until(d -> d.findElements(CHOSEN_FILES).stream().anyMatch(e -> e.getText().contains(fileName)));
        wait.until(ExpectedConditions.elementToBeClickable(DIALOG_INSTALL)).click();
        wait.until(ExpectedConditions.stalenessOf(oldList));
        wait.until(d -> d.getCurrentUrl().contains(PATH) && d.findElements(BUNDLE_ROWS).size() > 1);
    }

    /** @return the text of the list's row whose name cell contains {@code bundleName}, after a reload */
    Optional<String> rowOf(String bundleName) {
        open();
        return driver.findElements(BUNDLE_ROWS).stream()
                .map(WebElement::getText)
                .filter(text -> text.contains(bundleName))
                .findFirst();
    }

    /**
     * @return the state (for example {@code Active}) of the bundle {@code symbolicName} in the console's own
     *         JSON ({@code /system/console/bundles.json}), or empty when it is not installed
     */
    static Optional<String> stateOf(BlixardNode node, String symbolicName) {
        return find(node, symbolicName).map(bundle -> bundle.path("state").asText());
    }

    /**
     * Uninstalls the bundle {@code symbolicName} if it is installed, the way the tab's trash icon does
     * ({@code POST /system/console/bundles/ID} with {@code action=uninstall}), without the browser.
     */
    static void uninstallIfPresent(BlixardNode node, String symbolicName) {
        Optional<JsonNode> bundle = find(node, symbolicName);
        if (bundle.isEmpty()) {
            return;
        }
        String url = node.url(PATH + "/" + bundle.get().path("id").asLong());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(node.consoleCredentials().getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=uninstall"))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("uninstalling " + symbolicName + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static Optional<JsonNode> find(BlixardNode node, String symbolicName) {
        HttpResponse<String> response;
        try {
            response = NodeProcess.get(node.url(PATH + ".json"), node.consoleCredentials());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError(PATH + ".json answered " + response.statusCode() + ": " + response.body());
        }
        for (JsonNode bundle : NodeApi.read(response.body()).path("data")) {
            if (symbolicName.equals(bundle.path("symbolicName").asText())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }
}
