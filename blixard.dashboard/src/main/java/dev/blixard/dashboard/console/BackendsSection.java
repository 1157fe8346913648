package dev.blixard.dashboard.console;

import dev.blixard.api.Health;
import dev.blixard.api.HealthState;
import dev.blixard.api.backend.BackendHealth;
import dev.blixard.api.backend.ExecutionBackend;
import dev.blixard.api.backend.ResourceInfo;
import dev.blixard.api.plugin.PluginMetadata;
import dev.blixard.dashboard.console.ConsoleSources.RegisteredPlugin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution backends registered on this node (one row each: what they are, their health, how many
 * executions they run) and the plugins (validators, allocators, processors and plain plugins).
 *
 * <p>Each call into a backend or plugin is made on its own: one that throws shows the failure in its cell and is
 * logged, and the others are listed as usual.
 */
final class BackendsSection extends Section {

    private static final Logger LOG = LoggerFactory.getLogger(BackendsSection.class);
    private static final String UNKNOWN = "unknown";

    private final List<ExecutionBackend> backends;
    private final List<RegisteredPlugin> plugins;

    BackendsSection(List<ExecutionBackend> backends, List<RegisteredPlugin> plugins) {
        super("blixard-backends", "Execution backends and plugins", "The list of backends and plugins");
        this.backends = backends;
        this.plugins = plugins;
    }

    @Override
    protected void body(Html out, Instant now) {
        backends(out);
        plugins(out);
    }

    private void backends(Html out) {
        if (backends.isEmpty()) {
            statline(out, "No execution backends are registered on this node, so its agent runs no jobs.");
            return;
        }
        List<BackendRow> rows = new ArrayList<>();
        for (ExecutionBackend backend : backends) {
            rows.add(BackendRow.read(backend));
        }
        rows.sort(Comparator.comparing(BackendRow::type));
        statline(out, rows.size() + (rows.size() == 1 ? " execution backend" : " execution backends")
                + " registered on this node.");
        openTable(out, "blixard-backends-table", "Type", "Name", "Version", "Engine", "Health", "Executions");
        for (BackendRow row : rows) {
            out.open("tr", "data-backend", row.type).element("td", row.type);
            out.element("td", row.metadata.ok() ? row.metadata.value().name() : UNKNOWN);
            out.element("td", row.metadata.ok() ? row.metadata.value().version() : UNKNOWN);
            out.element("td", row.health.ok() ? row.health.value().engine() : UNKNOWN);
            out.open("td");
            health(out, row.health.ok() ? row.health.value().health()
                    : failedCheck("the health check failed", row.health.failure()));
            out.close("td");
            if (row.resources.ok()) {
                ResourceInfo info = row.resources.value();
                out.element("td", info.runningExecutions() + " running of " + info.maxConcurrentExecutions(),
                        "class", "blixard-number");
            } else {
                out.element("td", "unknown: " + describe(row.resources.failure()), "class", "blixard-error");
            }
            out.close("tr").newline();
        }
        closeTable(out);
    }

    private void plugins(Html out) {
        subheading(out, "Plugins");
        if (plugins.isEmpty()) {
            statline(out, "No plugins (validators, allocators, processors) are registered.");
            return;
        }
        List<PluginRow> rows = new ArrayList<>();
        for (RegisteredPlugin plugin : plugins) {
            rows.add(PluginRow.read(plugin));
        }
        rows.sort(Comparator.comparing(PluginRow::name));
        openTable(out, "blixard-plugins-table", "Name", "Kinds", "Version", "Vendor", "Health", "Description");
        for (PluginRow row : rows) {
            PluginMetadata metadata = row.metadata.value();
            out.open("tr", "data-plugin", row.name()).element("td", row.name());
            out.element("td", String.join(", ", row.kinds));
            out.element("td", metadata == null ? UNKNOWN : metadata.version());
            out.element("td", metadata == null ? UNKNOWN : metadata.vendor());
            out.open("td");
            health(out, row.health.ok() ? row.health.value()
                    : failedCheck("the health check failed", row.health.failure()));
            out.close("td");
            out.element("td", metadata == null ? "its metadata could not be read: " + describe(row.metadata.failure())
                    : metadata.description());
            out.close("tr").newline();
        }
        closeTable(out);
    }

    /** A state and its message: {@code DOWN the health check failed: IllegalStateException: boom}. */
    private static void health(Html out, Health health) {
        state(out, health.state());
        if (!health.message().isBlank()) {
            out.text(" ").element("span", health.message(), "class", "blixard-message");
        }
    }

    /** A check that threw, shown as the DOWN state it amounts to (when it was made does not matter here). */
    private static Health failedCheck(String what, Throwable failure) {
        return new Health(HealthState.DOWN, what + ": " + describe(failure), Map.of(), Instant.EPOCH);
    }

    /** What one backend answered, each call on its own; failures are logged with the backend they came from. */
    private record BackendRow(String type, Answer<PluginMetadata> metadata, Answer<BackendHealth> health,
            Answer<ResourceInfo> resources) {

        static BackendRow read(ExecutionBackend backend) {
            String implementation = backend.getClass().getName();
            Answer<String> type = log(null, implementation, "type()", Answer.of(backend::type));
            String name = type.ok() ? type.value() : "(type unknown: " + describe(type.failure()) + ")";
            return new BackendRow(name,
                    log(name, implementation, "metadata()", Answer.of(backend::metadata)),
                    log(name, implementation, "health()", Answer.of(backend::health)),
                    log(name, implementation, "resourceInfo()", Answer.of(backend::resourceInfo)));
        }

        private static <T> Answer<T> log(String type, String implementation, String call, Answer<T> answer) {
            if (!answer.ok()) {
                LOG.warn("Blixard console: execution backend '{}' ({}) failed in {}", type, implementation, call,
                        answer.failure());
            }
            return answer;
        }
    }

    /** What one plugin answered; failures are logged with the plugin they came from. */
    private record PluginRow(String name, List<String> kinds, Answer<PluginMetadata> metadata, Answer<Health> health) {

        static PluginRow read(RegisteredPlugin registered) {
            Answer<PluginMetadata> metadata = Answer.of(registered.plugin()::metadata);
            String name = metadata.ok() ? metadata.value().name()
                    : "(name unknown: " + registered.plugin().getClass().getName() + ")";
            log(name, registered, "metadata()", metadata);
            Answer<Health> health = log(name, registered, "health()", Answer.of(registered.plugin()::health));
            return new PluginRow(name, registered.kinds(), metadata, health);
        }

        private static <T> Answer<T> log(String name, RegisteredPlugin plugin, String call, Answer<T> answer) {
            if (!answer.ok()) {
                LOG.warn("Blixard console: plugin '{}' ({} {}) failed in {}", name, plugin.kinds(),
                        plugin.plugin().getClass().getName(), call, answer.failure());
            }
            return answer;
        }
    }
}
