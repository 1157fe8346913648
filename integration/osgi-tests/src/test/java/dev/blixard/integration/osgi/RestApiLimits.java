package dev.blixard.integration.osgi;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Sets the REST API's rate limit through Config Admin (PID {@code blixard.http}, the keys of its metatype with
 * dots for underscores) and puts the earlier configuration back on {@link #close()}. Either change re-creates
 * the API's servlet, with a fresh limiter.
 */
final class RestApiLimits implements AutoCloseable {
    static final String PID = "blixard.http";

    private final Configuration configuration;
    private final Dictionary<String, Object> previous;

    private RestApiLimits(Configuration configuration, Dictionary<String, Object> previous) {
        this.configuration = configuration;
        this.previous = previous;
    }

    /** Limits every non-admin token to {@code perSecond} requests a second, with bursts of {@code burst}. */
    static RestApiLimits rateLimit(ConfigurationAdmin admin, double perSecond, int burst) throws IOException {
        Configuration configuration = admin.getConfiguration(PID, "?");
        Dictionary<String, Object> previous = configuration.getProperties();
        Hashtable<String, Object> limited = new Hashtable<>();
        if (previous != null) {
            for (String key : java.util.Collections.list(previous.keys())) {
                limited.put(key, previous.get(key));
            }
        }
        limited.put("rate.limit.per.second", perSecond);
        limited.put("rate.limit.burst", burst);
        configuration.update(limited);
        return new RestApiLimits(configuration, previous);
    }

    @Override
    public void close() throws IOException {
        if (previous == null) {
            configuration.delete();
        } else {
            configuration.update(previous);
        }
    }
}
