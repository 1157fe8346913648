package dev.blixard.integration.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Saves what a browser shows as {@code target/screenshots/NAME.png}, for people to look at after a run. */
final class Screenshots {
    /** Where the PNG files go; the build passes it, an IDE run uses {@code target/screenshots}. */
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("blixard.screenshots.dir", "target/screenshots")).toAbsolutePath();

    private Screenshots() {
    }

    /** @return the PNG file written, replacing one of the same name */
    static Path save(WebDriver driver, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
