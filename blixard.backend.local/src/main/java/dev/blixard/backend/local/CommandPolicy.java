package dev.blixard.backend.local;

import dev.blixard.backend.local.os.Executables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which programs jobs may run. Commands are compared as the files they resolve to (PATH lookup, symbolic links
 * followed), so neither {@code /usr/bin/../bin/curl} nor a link to it passes for something else, and the file
 * checked is the file run: the backend starts the resolved path, not the name.
 *
 * <p>Without an allow-list, any command runs only on the embedded single-node development default (a node
 * without peers), so a cluster never runs arbitrary programs just because nobody configured the backend.
 */
final class CommandPolicy {

    /** When a command outside the allow-list may run. */
    enum AnyCommand {
        SINGLE_NODE, ALWAYS, NEVER;

        static AnyCommand fromName(String name) {
            try {
                return valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("any.command must be single-node, always or never, was \"" + name + "\"");
            }
        }
    }

    private final Set<Path> allowed;
    private final List<String> unresolved;
    private final boolean anyCommand;
    private final String searchPath;

    private CommandPolicy(Set<Path> allowed, List<String> unresolved, boolean anyCommand, String searchPath) {
        this.allowed = allowed;
        this.unresolved = unresolved;
        this.anyCommand = anyCommand;
        this.searchPath = searchPath;
    }

    /**
     * @param entries the configured allow-list: absolute paths or names on {@code searchPath}
     * @param singleNode whether this node runs without peers
     * @param searchPath the node's PATH, where commands without a slash are looked up
     */
    static CommandPolicy of(String[] entries, AnyCommand mode, boolean singleNode, String searchPath) {
        Set<Path> allowed = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        for (String entry : entries) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            Executables.resolve(name, searchPath).ifPresentOrElse(allowed::add, () -> unresolved.add(name));
        }
        boolean any = mode == AnyCommand.ALWAYS || (mode == AnyCommand.SINGLE_NODE && singleNode);
        return new CommandPolicy(Set.copyOf(allowed), List.copyOf(unresolved), any, searchPath);
    }

    /**
     * @return the executable to start for {@code argv0}
     * @throws IllegalArgumentException when it cannot be found or may not run, in words a job's author can act on
     */
    Path check(String argv0) {
        Optional<Path> program = Executables.resolve(argv0, searchPath);
        if (program.isEmpty()) {
            throw new IllegalArgumentException("command \"" + argv0 + "\" is not an executable file"
                    + (argv0.contains("/") ? "" : " on the node's PATH (" + searchPath + ")"));
        }
        if (!anyCommand && !allowed.contains(program.get())) {
            throw new IllegalArgumentException("command " + program.get() + " is not allowed on this node: the local "
                    + "backend's allow-list (allowed.commands) holds " + (allowed.isEmpty() ? "nothing" : allowed));
        }
        return program.get();
    }

    boolean allowsAnyCommand() {
        return anyCommand;
    }

    Set<Path> allowed() {
        return allowed;
    }

    /** Allow-list entries that name no executable here, for the health report. */
    List<String> unresolved() {
        return unresolved;
    }
}
