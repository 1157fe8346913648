package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.blixard.backend.local.os.ProcessTreeUsage.Usage;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link ProcessTreeUsage} on real process trees: the CPU time of a busy child, of a grandchild its parent
 * has already reaped, the peak memory of a child holding 200 MiB, and a root that is gone.
 */
public class ProcessTreeUsageTest {

    private static final long MIB = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Rule
    public final StartedProcesses processes = new StartedProcesses();

    private final ProcessTreeUsage usage = new ProcessTreeUsage(Libc.load());

    @Test
    public void theCpuTimeOfABusyChildCounts() throws Exception {
        long start = System.nanoTime();
        // The root only waits; the loop runs in a child it forked.
        Process root = processes.start("sh", "-c", "while :; do :; done & wait");
        Thread.sleep(1500);
        Usage sample = usage.sample(root.pid()).orElseThrow();
        long wallMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(sample + " after 1.5 s", sample.cpuTimeMillis() >= 500);
        // One busy process cannot use more CPU time than there was time (a tick of slack).
        assertTrue(sample + " in " + wallMillis + " ms", sample.cpuTimeMillis() <= wallMillis + 20);
    }

    @Test
    public void aGrandchildAlreadyReapedByALiveChildCounts() throws Exception {
        // The child runs a grandchild that does a fixed amount of work (half a million loop turns, about a second
        // of CPU here: a fixed amount, so a busy machine delays it but cannot shrink it), reaps it, and then
        // sleeps on; the root is still waiting for the child, so the time is only in the child's cutime.
        Process root = processes.start("sh", "-c",
                "(sh -c 'i=0; while [ $i -lt 500000 ]; do i=$((i+1)); done'; exec sleep 300) & wait");
        Host.await("the child sleeping after its grandchild", WAIT, () -> root.descendants()
                .anyMatch(process -> process.info().command().orElse("").endsWith("/sleep")));

        assertEquals("the root has reaped nothing", 0, ProcStat.read(root.pid()).orElseThrow().cutimeTicks());
        Usage sample = usage.sample(root.pid()).orElseThrow();
        // Without the reaped grandchild's time the tree would show next to nothing: the child only sleeps.
        assertTrue(sample.toString(), sample.cpuTimeMillis() >= 300);
    }

    @Test
    public void theLargestPeakResidentSetOfTheTreeCounts() throws Exception {
        // tail keeps all of a "line" without end in memory until the pipe closes, which sleep delays.
        Process root = processes.start("sh", "-c", "{ head -c 200M /dev/zero; sleep 300; } | tail");
        Host.await("a process of the tree at 150 MiB", WAIT,
                () -> usage.sample(root.pid()).orElseThrow().maxRssBytes() >= 150 * MIB);
        long rootPeak = ProcessTreeUsage.peakRssBytes(root.pid()).orElseThrow();
        assertTrue("the root's own peak " + rootPeak, rootPeak < 50 * MIB);
    }

    @Test
    public void aRootThatIsGoneHasNoUsage() throws Exception {
        Process root = processes.start("sleep", "300");
        assertTrue(usage.sample(root.pid()).isPresent());
        root.destroyForcibly().waitFor(); // and reaped
        assertEquals(Optional.empty(), usage.sample(root.pid()));
        assertEquals(OptionalLong.empty(), ProcessTreeUsage.peakRssBytes(root.pid()));
    }

    @Test
    public void samplesKeepTheHigherOfEachValue() {
        assertEquals(new Usage(30, 20), new Usage(10, 20).max(new Usage(30, 5)));
        assertThrows(IllegalArgumentException.class, () -> new ProcessTreeUsage(0));
    }
}
