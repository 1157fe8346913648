package dev.blixard.integration.browser;

import dev.blixard.testing.BlixardNode;
import org.junit.rules.ExternalResource;
import org.junit.rules.TestRule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * One {@link BlixardNode} for a test class (a {@code @ClassRule}): started before the first test, stopped
 * after the last. {@link #outputOnFailure()} is the per-test rule that prints the node's output when a test
 * fails.
 */
final class NodeRule extends ExternalResource {

    private final String name;
    private BlixardNode node;

    /** @param name the node's folder under {@code target/browser-it/} */
    NodeRule(String name) {
        this.name = name;
    }

    /** @return the running node */
    BlixardNode node() {
        if (node == null) {
            throw new IllegalStateException("the node " + name + " is not running");
        }
        return node;
    }

    @Override
    protected void before() throws Throwable {
        node = BlixardNode.start(name);
    }

    @Override
    protected void after() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /** @return a rule that prints everything the node printed when a test fails */
    TestRule outputOnFailure() {
        return new TestWatcher() {
            @Override
            protected void failed(Throwable e, Description description) {
                if (node != null) {
                    System.err.println("=== " + description.getDisplayName() + " failed; the node " + name
                            + ":\n" + node.describe());
                }
            }
        };
    }
}
