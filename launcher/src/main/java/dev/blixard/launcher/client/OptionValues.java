package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import dev.blixard.launcher.OptionSpec;

/** Converts option values, with a usage error naming the option when a value does not fit. */
final class OptionValues {

    private OptionValues() {
    }

    static OptionalLong integer(ParsedArguments args, OptionSpec option, long min, long max)
            throws ClientUsageException {
        if (!args.has(option)) {
            return OptionalLong.empty();
        }
        String value = args.value(option).orElseThrow();
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ClientUsageException(option.name() + ": '" + value + "' is not a whole number");
        }
        if (number < min || number > max) {
            throw new ClientUsageException(option.name() + ": " + number + " is out of range (" + min + " to " + max + ")");
        }
        return OptionalLong.of(number);
    }

    /** One of {@code allowed}, or empty when the option is absent. */
    static String oneOf(ParsedArguments args, OptionSpec option, Set<String> allowed) throws ClientUsageException {
        String value = args.value(option).orElse(null);
        if (value != null && !allowed.contains(value)) {
            throw new ClientUsageException(option.name() + ": '" + value + "' is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    /** Every value of a repeatable option, each also split at commas: {@code --type a,b --type c}. */
    static List<String> commaSeparated(ParsedArguments args, OptionSpec option) throws ClientUsageException {
        List<String> all = new ArrayList<>();
        for (String value : args.values(option)) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw new ClientUsageException(option.name() + ": empty item in '" + value + "'");
                }
                all.add(item.trim());
            }
        }
        return all;
    }
}
