package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.blixard.launcher.OptionSpec;

/**
 * Splits a client command's arguments into options and positionals. Accepts {@code --name value} and
 * {@code --name=value}; {@code -} alone is a positional (standard input) and {@code --} ends the options. A
 * non-repeatable option given twice is an error, because two different values in a script are a bug.
 */
final class ArgumentParser {

    private ArgumentParser() {
    }

    static ParsedArguments parse(List<String> args, List<OptionSpec> known) throws ClientUsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            OptionSpec option = known.stream().filter(o -> o.isCalled(name)).findFirst()
                    .orElseThrow(() -> new ClientUsageException("unknown option '" + name + "'"));
            String value;
            if (!option.takesValue()) {
                if (eq > 0 && arg.startsWith("--")) {
                    throw new ClientUsageException("option " + option.name() + " takes no value");
                }
                value = "";
            } else if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new ClientUsageException("option " + option.name() + " needs a value (" + option.valueName() + ")");
            }
            List<String> values = options.computeIfAbsent(option.name(), n -> new ArrayList<>());
            if (!values.isEmpty() && !option.repeatable()) {
                throw new ClientUsageException("option " + option.name() + " is given more than once");
            }
            values.add(value);
        }
        return new ParsedArguments(options, positionals);
    }
}
