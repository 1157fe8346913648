package dev.blixard.backend.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is whose child, for every process at one moment. Listing all processes means reading a file in
 * {@code /proc} for each, so one table is taken per sampling round and serves every running job, instead of
 * one walk over all processes per job ({@link ProcessHandle#descendants()}).
 */
final class ProcessTable {

    private final Map<Long, List<ProcessHandle>> children;

    private ProcessTable(Map<Long, List<ProcessHandle>> children) {
        this.children = children;
    }

    static ProcessTable snapshot() {
        Map<Long, List<ProcessHandle>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.parent()
                .ifPresent(parent -> children.computeIfAbsent(parent.pid(), pid -> new ArrayList<>()).add(process)));
        return new ProcessTable(children);
    }

    /** The descendants of every process in {@code roots}, each once, the roots themselves excluded. */
    List<ProcessHandle> descendantsOf(Collection<Long> roots) {
        List<ProcessHandle> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>(roots);
        Deque<Long> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            for (ProcessHandle child : children.getOrDefault(pending.pop(), List.of())) {
                if (seen.add(child.pid())) {
                    found.add(child);
                    pending.push(child.pid());
                }
            }
        }
        return found;
    }
}
