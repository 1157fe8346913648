package dev.blixard.integration.browser;

import dev.blixard.testing.WorkDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts headless Chromium through ChromeDriver, both from Debian's packages ({@code chromium},
 * {@code chromium-driver}): Selenium is given both paths, so it never looks for or downloads a browser or a
 * driver of its own. Implicit waits stay off: tests wait explicitly with {@code WebDriverWait}. The caller
 * quits the driver ({@code driver.quit()} in {@code @After} or {@code finally}), which ends both processes.
 */
final class Browsers {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The desktop window every browser starts with. */
    static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone's viewport (an iPhone 12-15 in portrait). */
    static final Dimension PHONE = new Dimension(390, 844);

    /**
     * The tests use no DevTools API, so no {@code selenium-devtools-vNNN} module is on the class path, and
     * Selenium would warn "Unable to find CDP implementation matching NNN" at every start. Held here because
     * java.util.logging keeps loggers only weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private Browsers() {
    }

    /** @return a new headless Chromium with a fresh profile under {@code target/}, at {@link #DESKTOP} size */
    static ChromeDriver start() {
        requireInstalled();
        Path profile;
        try {
            Files.createDirectories(WorkDirs.ROOT);
            profile = Files.createTempDirectory(WorkDirs.ROOT, "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // As root (CI runs as root) Chromium refuses to start inside its own sandbox.
                "--no-sandbox",
                "--disable-gpu",
                // This machine's closed network refuses Chromium's own connections (QUIC probes, Google's
                // services, component and sync updates): without these flags it keeps retrying them.
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            driver.manage().window().setSize(DESKTOP);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return driver;
    }

    /** Resizes the window to a phone's viewport, {@link #PHONE}. */
    static void phoneSize(WebDriver driver) {
        driver.manage().window().setSize(PHONE);
    }

    /** Resizes the window back to {@link #DESKTOP}. */
    static void desktopSize(WebDriver driver) {
        driver.manage().window().setSize(DESKTOP);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Fails with what to install when the browser or its driver is missing: never skip silently. */
    private static void requireInstalled() {
        for (Path program : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError("the browser tests need Debian's Chromium and ChromeDriver, but " + program
                        + " is missing. scripts/install-test-deps.sh installs them; by hand: apt-get update && apt-get install -y"
                        + " chromium chromium-driver");
            }
        }
    }
}
