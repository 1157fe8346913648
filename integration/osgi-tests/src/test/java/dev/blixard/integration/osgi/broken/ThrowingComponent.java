package dev.blixard.integration.osgi.broken;

/**
 * The implementation class of a broken plugin's DS component: its constructor throws, as a plugin's does when
 * it cannot find its configuration or resources. {@code BrokenPluginTest} copies this class into a bundle of
 * its own; it uses nothing but {@code java.lang}, so that bundle imports nothing.
 */
public final class ThrowingComponent {
    /** The message the failure carries, for the test to find in the node's report. */
    public static final String MESSAGE = "the broken plugin cannot start: its resource file is missing";

    public ThrowingComponent() {
        throw new IllegalStateException(MESSAGE);
    }
}
