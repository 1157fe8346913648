package dev.blixard.integration.osgi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What SCR reports about the components of some bundles at one moment: the components in trouble
 * (any configuration not SATISFIED or ACTIVE, with its unsatisfied references and activation
 * failure), and the components deliberately not checked.
 *
 * <p>Not counted as problems: components disabled by default ({@code enabled=false}: code enables
 * them on purpose), components with {@code configurationPolicy=REQUIRE} that have no
 * configuration yet (they wait for Config Admin by design). Every mandatory reference must be satisfied by
 * the runtime set (the REST API's authenticator is the http bundle's own, over core's token service).
 */
final class ComponentReport {

    /** One line per component configuration in trouble; empty when all is well. */
    final List<String> problems = new ArrayList<>();
    /** Components left out of the check, with the reason. */
    final List<String> notChecked = new ArrayList<>();
    /** Every component seen, as "bundle/name". */
    final List<String> components = new ArrayList<>();

    private ComponentReport() {
    }

    static ComponentReport of(ServiceComponentRuntime scr, Bundle... bundles) {
        ComponentReport report = new ComponentReport();
        if (bundles.length == 0) {
            return report; // SCR would report the components of every bundle
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles)) {
            report.add(scr, description);
        }
        return report;
    }

    boolean isHealthy() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return "problems:\n  " + String.join("\n  ", problems)
                + (notChecked.isEmpty() ? "" : "\nnot checked:\n  " + String.join("\n  ", notChecked));
    }

    private void add(ServiceComponentRuntime scr, ComponentDescriptionDTO description) {
        String name = description.bundle.symbolicName + "/" + description.name;
        components.add(name);
        if (!scr.isComponentEnabled(description)) {
            notChecked.add(name + ": disabled");
            return;
        }
        Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            if ("require".equals(description.configurationPolicy)) {
                notChecked.add(name + ": waits for its required configuration (PID "
                        + String.join(", ", description.configurationPid) + ")");
            } else {
                problems.add(name + ": enabled, but SCR created no configuration of it");
            }
            return;
        }
        for (ComponentConfigurationDTO configuration : configurations) {
            if (configuration.state != ComponentConfigurationDTO.SATISFIED
                    && configuration.state != ComponentConfigurationDTO.ACTIVE) {
                problems.add(name + ": " + describe(description, configuration));
            }
        }
    }

    private static String describe(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        StringBuilder text = new StringBuilder(stateName(configuration.state));
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            text.append("\n      unsatisfied reference ").append(reference.name)
                    .append(" (").append(interfaceOf(description, reference.name))
                    .append(reference.target == null ? "" : ", target " + reference.target).append(")");
        }
        if (configuration.failure != null) {
            text.append("\n      activation failure: ").append(configuration.failure);
        }
        return text.toString();
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String referenceName) {
        for (ReferenceDTO reference : description.references) {
            if (reference.name.equals(referenceName)) {
                return reference.interfaceName;
            }
        }
        return "?";
    }

    private static String stateName(int state) {
        switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
            default: return "state " + state;
        }
    }
}
