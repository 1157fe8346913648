package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoggingDefaultsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void writesALog4j2SetupThatLogsInfoToStdoutAndTheLogFile() throws Exception {
        Path file = temp.getRoot().toPath().resolve("logging-defaults.properties");
        Path logs = temp.newFolder("logs").toPath();
        LoggingDefaults.write(file, logs);

        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            written.load(in);
        }
        assertEquals(LoggingDefaults.properties(logs), written);
        assertEquals(logs.resolve("blixard.log").toString(), written.getProperty("log4j2.appender.file.fileName"));
        assertEquals("INFO", written.getProperty("log4j2.rootLogger.level"));
    }

    @Test
    public void pathsWithBackslashesAndNonAsciiCharactersSurvive() throws Exception {
        Path file = temp.getRoot().toPath().resolve("logging-defaults.properties");
        Path logs = temp.newFolder("l\\ogs \u00fc\u65e5").toPath();
        LoggingDefaults.write(file, logs);

        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            written.load(in);
        }
        assertEquals(logs.resolve("blixard.log").toString(), written.getProperty("log4j2.appender.file.fileName"));
    }

    @Test
    public void anUnchangedSetupLeavesTheFileAlone() throws Exception {
        Path file = temp.getRoot().toPath().resolve("logging-defaults.properties");
        Path logs = temp.newFolder("logs").toPath();
        LoggingDefaults.write(file, logs);
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);

        LoggingDefaults.write(file, logs);
        assertEquals(old, Files.getLastModifiedTime(file));
    }
}
