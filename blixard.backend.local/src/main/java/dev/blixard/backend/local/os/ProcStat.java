package dev.blixard.backend.local.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} (see {@code proc(5)}) that the backend uses. Times are in clock
 * ticks ({@code sysconf(_SC_CLK_TCK)}) and cover all threads of the process.
 *
 * @param pid          field 1
 * @param comm         field 2, the command name without its parentheses (at most 15 bytes, any characters)
 * @param state        field 3: R running, S sleeping, D disk wait, Z zombie, T stopped, ...
 * @param ppid         field 4, the parent
 * @param processGroup field 5
 * @param utimeTicks   field 14, user time of the process
 * @param stimeTicks   field 15, system time of the process
 * @param cutimeTicks  field 16, user time of the children it has waited for (and theirs, recursively)
 * @param cstimeTicks  field 17, system time of the children it has waited for
 */
public record ProcStat(long pid, String comm, char state, long ppid, long processGroup, long utimeTicks,
        long stimeTicks, long cutimeTicks, long cstimeTicks) {

    /**
     * Reads {@code /proc/<pid>/stat}.
     *
     * @return empty when the process does not exist (any more): a process can end between listing and
     *         reading, and the kernel then answers "no such file" or ESRCH
     */
    public static Optional<ProcStat> read(long pid) {
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name is arbitrary bytes; decoding replaces what is not UTF-8 instead of failing.
        return Optional.of(parse(new String(content, StandardCharsets.UTF_8)));
    }

    /**
     * Parses one {@code stat} line. The command name may itself contain spaces, parentheses and ")",
     * so it runs from the first "(" to the <em>last</em> ")": no field after it can hold a ")".
     *
     * @throws IllegalArgumentException when the line does not have the {@code stat} shape
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        // After ") " come fields 3, 4, ...: rest[i] is field i + 3.
        String[] rest = line.substring(close + 2).trim().split(" ");
        if (rest.length < 15 || rest[0].length() != 1) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                    rest[0].charAt(0), Long.parseLong(rest[1]), Long.parseLong(rest[2]), Long.parseLong(rest[11]),
                    Long.parseLong(rest[12]), Long.parseLong(rest[13]), Long.parseLong(rest[14]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line, e);
        }
    }

    /** @return all the CPU time in this line: the process's own and that of the children it has reaped */
    public long totalTicks() {
        return utimeTicks + stimeTicks + cutimeTicks + cstimeTicks;
    }
}
