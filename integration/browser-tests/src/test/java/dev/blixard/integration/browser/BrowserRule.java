package dev.blixard.integration.browser;

import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A fresh headless Chromium for each test ({@link Browsers#start()}), quit after the test however it ends,
 * so that no chromedriver or chromium process outlives it. When the test fails, what the browser shows is
 * saved first, as {@code target/screenshots/failed-CLASS.METHOD.png}.
 */
final class BrowserRule extends TestWatcher {

    private ChromeDriver driver;

    /** @return this test's browser */
    ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("no browser outside a test");
        }
        return driver;
    }

    @Override
    protected void starting(Description description) {
        driver = Browsers.start();
    }

    @Override
    protected void failed(Throwable e, Description description) {
        if (driver != null) {
            try {
                Screenshots.save(driver, "failed-" + description.getTestClass().getSimpleName() + "."
                        + description.getMethodName());
            } catch (RuntimeException screenshotFailure) {
                e.addSuppressed(screenshotFailure);
            }
        }
    }

    @Override
    protected void finished(Description description) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
