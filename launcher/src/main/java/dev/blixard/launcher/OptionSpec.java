package dev.blixard.launcher;

import java.util.Optional;

/**
 * One command-line option: its long name, an optional short alias, the name of its value (absent for a
 * flag) and the line of help that documents it. The same spec drives parsing and the help text, so an option
 * cannot be accepted without being documented.
 *
 * @param name        the long form, for example {@code --http-port}
 * @param alias       a short form such as {@code -h}, or {@code null}
 * @param valueName   the placeholder shown in the help, for example {@code N}; {@code null} for a flag
 * @param description what the option does, including its default
 */
record OptionSpec(String name, String alias, String valueName, String description) {

    static OptionSpec flag(String name, String alias, String description) {
        return new OptionSpec(name, alias, null, description);
    }

    static OptionSpec valued(String name, String valueName, String description) {
        return new OptionSpec(name, null, valueName, description);
    }

    boolean takesValue() {
        return valueName != null;
    }

    boolean isCalled(String token) {
        return name.equals(token) || (alias != null && alias.equals(token));
    }

    /** The left column of the help: {@code -h, --help} or {@code --http-port N}. */
    String synopsis() {
        String names = alias == null ? name : alias + ", " + name;
        return Optional.ofNullable(valueName).map(v -> names + " " + v).orElse(names);
    }
}
