package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.After;
import org.junit.Test;

/**
 * {@link Limits} against {@code ulimit} in a child shell, which inherits the node's limits: as they are, and
 * with this process's soft limits lowered below the hard ones through {@link ResourceLimit#prlimitOption()}
 * (restored after the test), so that soft and hard differ and every limit is finite.
 */
public class LimitsTest {

    /** The shell's {@code ulimit} option for a limit, and the unit it reports in, in the limit's own units. */
    private record Ulimit(String option, long unit) {
    }

    private static final Map<ResourceLimit, Ulimit> ULIMIT = Map.of(
            ResourceLimit.NOFILE, new Ulimit("-n", 1),
            // bash calls it -u, dash -p (which is the pipe size in bash).
            ResourceLimit.NPROC, new Ulimit("-u", 1),
            ResourceLimit.CPU, new Ulimit("-t", 1),
            ResourceLimit.AS, new Ulimit("-v", 1024));

    private final long self = ProcessHandle.current().pid();
    private final Limits limits = new Limits(Libc.load());
    private final List<String> restore = new ArrayList<>();

    @After
    public void restoreTheSoftLimits() throws Exception {
        for (String option : restore) {
            Host.output("prlimit", "--pid", Long.toString(self), option);
        }
    }

    @Test
    public void theLimitsAsTheyAreAreWhatUlimitSays() throws Exception {
        for (ResourceLimit limit : ULIMIT.keySet()) {
            assertEquals("hard " + limit, ulimit(limit, "-H"), inUlimitUnits(limit, limits.hard(limit)));
            assertEquals("soft " + limit, ulimit(limit, "-S"), inUlimitUnits(limit, limits.soft(limit)));
        }
    }

    @Test
    public void loweredSoftLimitsAreReadAsSoftAndTheHardOnesStay() throws Exception {
        for (ResourceLimit limit : ResourceLimit.values()) {
            OptionalLong hard = limits.hard(limit);
            long soft = hard.isPresent() ? hard.getAsLong() - 1 : 1L << 40;
            String original = limits.soft(limit).isPresent() ? Long.toString(limits.soft(limit).getAsLong()) : "unlimited";
            restore.add(limit.prlimitOption() + "=" + original + ":");
            Host.output("prlimit", "--pid", Long.toString(self), limit.prlimitOption() + "=" + soft + ":");

            assertEquals("soft " + limit + " as set by " + limit.prlimitOption(), OptionalLong.of(soft), limits.soft(limit));
            assertEquals("hard " + limit, hard, limits.hard(limit));
            assertNotEquals("hard and soft " + limit, limits.hard(limit), limits.soft(limit));
            if (ULIMIT.containsKey(limit)) {
                assertEquals("soft " + limit, ulimit(limit, "-S"), inUlimitUnits(limit, limits.soft(limit)));
                assertEquals("hard " + limit, ulimit(limit, "-H"), inUlimitUnits(limit, limits.hard(limit)));
            }
        }
    }

    /** @return what {@code ulimit} in {@code sh} reports: "unlimited" or a number in its own units */
    private static String ulimit(ResourceLimit limit, String hardOrSoft) throws Exception {
        String option = ULIMIT.get(limit).option();
        String script = "ulimit " + hardOrSoft + " " + option;
        if (limit == ResourceLimit.NPROC) {
            script += " 2>/dev/null || ulimit " + hardOrSoft + " -p";
        }
        return Host.output("sh", "-c", script);
    }

    private static String inUlimitUnits(ResourceLimit limit, OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong() / ULIMIT.get(limit).unit()) : "unlimited";
    }
}
