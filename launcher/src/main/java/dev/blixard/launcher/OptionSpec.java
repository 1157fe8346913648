package dev.blixard.launcher;

import java.util.Optional;

/**
 * One command-line option: its long name, an optional short alias, the name of its value (absent for a
 * flag) and the line of help that documents it. The same spec drives parsing and the help text, so an option
 * cannot be accepted without being documented. Shared by {@code run} and the client commands.
 *
 * @param name        the long form, for example {@code --http-port}
 * @param alias       a short form such as {@code -h}, or {@code null}
 * @param valueName   the placeholder shown in the help, for example {@code N}; {@code null} for a flag
 * @param repeatable  whether it may be given more than once, each value kept (only client options are)
 * @param description what the option does, including its default
 */
public record OptionSpec(String name, String alias, String valueName, boolean repeatable, String description) {

    public static OptionSpec flag(String name, String alias, String description) {
        return new OptionSpec(name, alias, null, false, description);
    }

    public static OptionSpec valued(String name, String valueName, String description) {
        return new OptionSpec(name, null, valueName, false, description);
    }

    public static OptionSpec repeatable(String name, String valueName, String description) {
        return new OptionSpec(name, null, valueName, true, description);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    public boolean isCalled(String token) {
        return name.equals(token) || (alias != null && alias.equals(token));
    }

    /** The left column of the help: {@code -h, --help} or {@code --http-port N}. */
    public String synopsis() {
        String names = alias == null ? name : alias + ", " + name;
        return Optional.ofNullable(valueName).map(v -> names + " " + v).orElse(names);
    }
}
