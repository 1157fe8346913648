package dev.blixard.integration.osgi.broken;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a broken plugin: its start throws. {@code BrokenPluginTest} copies it into a bundle. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("the broken plugin's activator failed");
    }

    @Override
    public void stop(BundleContext context) {
        // Never started, so nothing to stop.
    }
}
