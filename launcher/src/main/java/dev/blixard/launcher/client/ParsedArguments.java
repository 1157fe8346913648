package dev.blixard.launcher.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.blixard.launcher.OptionSpec;

/**
 * The arguments of one client command after parsing: option values by long name, and the positional
 * arguments in order.
 */
record ParsedArguments(Map<String, List<String>> options, List<String> positionals) {

    ParsedArguments {
        options = Map.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    boolean has(OptionSpec option) {
        return options.containsKey(option.name());
    }

    Optional<String> value(OptionSpec option) {
        return values(option).stream().findFirst();
    }

    List<String> values(OptionSpec option) {
        return options.getOrDefault(option.name(), List.of());
    }

    /** The one positional argument, e.g. a job id; a usage error when there is none or more than one. */
    String onlyPositional(String what) throws ClientUsageException {
        if (positionals.size() != 1) {
            throw new ClientUsageException(positionals.isEmpty() ? "missing " + what
                    : "expected one " + what + ", got " + positionals.size() + " arguments");
        }
        return positionals.get(0);
    }

    /** A usage error when any positional argument was given. */
    void noPositionals() throws ClientUsageException {
        if (!positionals.isEmpty()) {
            throw new ClientUsageException("unexpected argument '" + positionals.get(0) + "'");
        }
    }
}
