package dev.blixard.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.blixard.testing.NodeProcess;

import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * The {@code blixard} processes a test started: stopped by the test's {@code @After}, their output printed when
 * the test fails. Output files stay in {@code target/it-logs/}.
 */
final class ChildProcesses extends TestWatcher {

    private static final Path LOG_DIR = Path.of("target", "it-logs");

    private final List<NodeProcess> started = new ArrayList<>();
    private String testName = "test";

    NodeProcess start(String... args) throws IOException {
        NodeProcess process = NodeProcess.start(LOG_DIR.resolve(testName), args);
        started.add(process);
        return process;
    }

    /** Stops every process still running: SIGTERM first, SIGKILL as a last resort. */
    void stopAll() {
        for (NodeProcess process : started) {
            process.close();
        }
    }

    @Override
    protected void starting(Description description) {
        testName = description.getTestClass().getSimpleName() + "." + description.getMethodName();
    }

    @Override
    protected void failed(Throwable e, Description description) {
        for (NodeProcess process : started) {
            System.err.println("=== " + description.getDisplayName() + "\n" + process.describe());
        }
    }
}
