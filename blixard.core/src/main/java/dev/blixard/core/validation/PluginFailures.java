package dev.blixard.core.validation;

import dev.blixard.api.Health;
import dev.blixard.api.plugin.Plugin;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers which plugins misbehaved (threw, or answered nonsense) so that health can name them, while the
 * whiteboard that calls them carries on without them. Shared by the validation and placement whiteboards.
 * Thread-safe.
 */
public final class PluginFailures {
    private final ConcurrentMap<String, Failure> failures = new ConcurrentHashMap<>();

    private record Failure(long count, String lastError) {
        Failure then(Failure next) {
            return new Failure(count + next.count, next.lastError);
        }

        @Override
        public String toString() {
            return count + (count == 1 ? " failure" : " failures") + ", last: " + lastError;
        }
    }

    /**
     * Counts one failure of the plugin called {@code name}.
     *
     * @return whether it is this plugin's first since it was bound, so the caller logs the full story
     *         once and only briefly afterwards: a broken plugin is called on every request
     */
    public boolean record(String name, String error) {
        return failures.merge(name, new Failure(1, error), Failure::then).count() == 1;
    }

    /** Forgets the plugin called {@code name}, once it is gone: its failures no longer affect anything. */
    public void forget(String name) {
        failures.remove(name);
    }

    /** @return each failing plugin's name with its failure count and last error, sorted by name */
    public Map<String, String> snapshot() {
        Map<String, String> copy = new TreeMap<>();
        failures.forEach((name, failure) -> copy.put(name, failure.toString()));
        return copy;
    }

    /**
     * @param whatWorks what the whiteboard does when nothing has failed, for the health message
     * @return up when no plugin failed, otherwise degraded with the failures as details
     */
    public Health health(String whatWorks) {
        Map<String, String> current = snapshot();
        if (current.isEmpty()) {
            return Health.up(whatWorks);
        }
        return Health.degraded(current.size() + " plugin(s) failed and were skipped: " + current.keySet())
                .withDetails(current);
    }

    /** @return the plugin's name, or its class name when even its metadata is broken */
    public static String nameOf(Plugin plugin) {
        try {
            return plugin.metadata().name();
        } catch (RuntimeException e) {
            return plugin.getClass().getName();
        }
    }

    /** @return a one-line description of {@code error}, for health and logs */
    public static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
