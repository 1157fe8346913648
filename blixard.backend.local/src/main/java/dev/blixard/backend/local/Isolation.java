package dev.blixard.backend.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a job's process is separated from the node: its payload's {@code isolation}, or the backend's default. */
enum Isolation {
    /** A plain child process of the node, as the node's user, with the node's view of files and network. */
    NONE,
    /**
     * bubblewrap: a read-only view of the system, private {@code /tmp}, only the work directory writable, the
     * node's data hidden, no network, new PID/IPC/UTS namespaces, no capabilities, an unprivileged uid.
     */
    SANDBOX;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Isolation fromName(String name) {
        for (Isolation isolation : values()) {
            if (isolation.wireName().equals(name)) {
                return isolation;
            }
        }
        throw new IllegalArgumentException("\"isolation\" must be one of "
                + Arrays.stream(values()).map(Isolation::wireName).collect(Collectors.joining(", ")) + ", was \"" + name + "\"");
    }
}
