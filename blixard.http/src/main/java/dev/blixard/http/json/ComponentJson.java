package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.Health;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.plugin.Plugin;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.api.plugin.PluginProblem;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Installed backends and plugins on the wire ({@code GET /api/backends}, {@code GET /api/plugins}): their
 * metadata, health and, for backends, resources. They are third-party code: a method that throws is shown as
 * a DOWN health or a {@code null} value, and never breaks the listing.
 */
public final class ComponentJson {

    private ComponentJson() {
    }

    public static ObjectNode backend(ExecutionBackend backend) {
        ObjectNode node = JsonCodec.object();
        node.put("type", guarded(backend::type, null));
        metadata(node, guarded(backend::metadata, null));
        BackendHealth health = guarded(backend::health, null);
        node.set("health", JsonOut.health(health == null ? Health.down("the backend's health check failed")
                : health.health()));
        node.put("engine", health == null ? null : health.engine());
        ResourceInfo resources = guarded(backend::resourceInfo, null);
        if (resources == null) {
            node.putNull("resources");
        } else {
            ObjectNode info = node.putObject("resources");
            info.set("total", ResourcesJson.write(resources.total()));
            info.set("available", ResourcesJson.write(resources.available()));
            info.put("running_executions", resources.runningExecutions());
            info.put("max_concurrent_executions", resources.maxConcurrentExecutions());
            info.set("labels", JsonOut.textMap(resources.labels()));
        }
        return node;
    }

    /** @param kinds what the plugin is registered as, for example {@code validator} */
    public static ObjectNode plugin(Plugin plugin, Collection<String> kinds) {
        ObjectNode node = JsonCodec.object();
        metadata(node, guarded(plugin::metadata, null));
        node.set("kinds", JsonOut.texts(kinds));
        node.set("health", JsonOut.health(guarded(plugin::health, Health.down("the plugin's health check failed"))));
        return node;
    }

    /** A broken plugin, as {@code /api/plugins} lists it. */
    public static ObjectNode problem(PluginProblem problem) {
        ObjectNode node = JsonCodec.object();
        node.put("subject", problem.subject());
        node.put("kind", problem.kind().name().toLowerCase(Locale.ROOT));
        node.put("problem", problem.problem());
        node.put("since", problem.since().toString());
        return node;
    }

    private static void metadata(ObjectNode node, PluginMetadata metadata) {
        node.put("name", metadata == null ? null : metadata.name());
        node.put("version", metadata == null ? null : metadata.version());
        node.put("vendor", metadata == null ? null : metadata.vendor());
        node.put("description", metadata == null ? null : metadata.description());
    }

    private static <T> T guarded(Supplier<T> call, T fallback) {
        try {
            T value = call.get();
            return value == null ? fallback : value;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
