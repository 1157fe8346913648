package dev.blixard.integration.plugins;

import dev.blixard.testing.BlixardNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * The nodes one test starts (a {@code @Rule}): each is stopped when the test ends, and everything a node
 * printed is shown when the test fails.
 */
final class StartedNodes extends TestWatcher {
    private final List<BlixardNode> nodes = new ArrayList<>();

    /** Starts a ready node in {@code target/plugin-it/NAME/}, with more {@code blixard run} options if given. */
    BlixardNode start(String name, String... runOptions) throws IOException, InterruptedException {
        BlixardNode node = BlixardNode.start(name, runOptions);
        nodes.add(node);
        return node;
    }

    @Override
    protected void failed(Throwable e, Description description) {
        for (BlixardNode node : nodes) {
            System.err.println("=== " + description.getDisplayName() + " failed; a node it started:\n" + node.describe());
        }
    }

    @Override
    protected void finished(Description description) {
        nodes.forEach(BlixardNode::close);
        nodes.clear();
    }
}
