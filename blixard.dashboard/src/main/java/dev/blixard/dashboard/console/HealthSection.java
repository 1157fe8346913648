package dev.blixard.dashboard.console;

import dev.blixard.api.Health;
import dev.blixard.api.service.HealthService;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's health from {@link HealthService}: the overall state (what a load balancer sees) and each
 * component's state with the sentence it gives.
 */
final class HealthSection extends Section {

    private final HealthService health;

    /** @param health the node's health, or {@code null} when it is not registered */
    HealthSection(HealthService health) {
        super("blixard-health", "Node health", "The node's health");
        this.health = health;
    }

    @Override
    protected void body(Html out, Instant now) {
        if (health == null) {
            unavailable(out, "the health service is not registered, which happens while the node starts or stops.");
            return;
        }
        Health overall = health.overall();
        out.open("p", "class", "statline", "id", "blixard-health-overall").text("Overall: ");
        state(out, overall.state());
        out.text(" " + sentence(overall.message()) + (health.ready() ? " The node is ready to serve its API."
                : " The node is not ready: it cannot serve its API now.")).close("p").newline();

        Map<String, Health> components = new TreeMap<>(health.components());
        if (components.isEmpty()) {
            statline(out, "No components report their health.");
            return;
        }
        openTable(out, "blixard-health-table", "Component", "State", "Message", "Checked");
        for (Map.Entry<String, Health> component : components.entrySet()) {
            Health state = component.getValue();
            out.open("tr", "data-component", component.getKey()).element("td", component.getKey()).open("td");
            state(out, state.state());
            out.close("td").element("td", state.message()).open("td");
            when(out, state.checkedAt(), now);
            out.close("td").close("tr").newline();
        }
        closeTable(out);
    }
}
