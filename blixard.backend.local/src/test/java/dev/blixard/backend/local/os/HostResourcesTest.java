package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link HostResources} against {@code nproc}, {@code /sys}, {@code /proc/loadavg}, {@code /proc/meminfo} and {@code df}. */
public class HostResourcesTest {

    private static final long MIB = 1 << 20;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final HostResources host = new HostResources(Libc.load());

    @Test
    public void onlineCpusAreTheKernelsOnlineCpus() throws Exception {
        // nproc counts the CPUs this process may use (affinity, OMP_NUM_THREADS), at most the online ones.
        int online = cpusIn(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        assertEquals(online, host.onlineCpus());
        long nproc = Long.parseLong(Host.output("nproc"));
        assertTrue("nproc " + nproc + ", online " + online, nproc <= host.onlineCpus());
    }

    @Test
    public void theLoadAverageIsLoadavgsFirst() throws Exception {
        Host.Loadavg<Double> read = Host.betweenSteadyLoadavg(host::loadAverage1m);
        assertEquals(read.load(0), read.value(), 0.006);
    }

    @Test
    public void totalMemoryIsMemTotal() throws IOException {
        assertEquals(Host.meminfoBytes("MemTotal"), host.totalMemoryBytes());
    }

    @Test
    public void freeMemoryIsMemAvailableNotMemFree() throws IOException {
        long before = Host.meminfoBytes("MemAvailable");
        long free = host.freeMemoryBytes();
        long after = Host.meminfoBytes("MemAvailable");
        Host.assertWithin("free memory", before, after, 64 * MIB, free);
    }

    @Test
    public void freeDiskIsWhatDfCallsAvailable() throws Exception {
        String path = folder.getRoot().toString();
        long before = Long.parseLong(Host.output("df", "-B1", "--output=avail", path).split("\n")[1].trim());
        long free = host.freeDiskBytes(folder.getRoot().toPath());
        long after = Long.parseLong(Host.output("df", "-B1", "--output=avail", path).split("\n")[1].trim());
        Host.assertWithin("free disk", before, after, 16 * MIB, free);
    }

    @Test
    public void freeDiskOfAMissingPathFails() {
        assertThrows(IOException.class, () -> host.freeDiskBytes(folder.getRoot().toPath().resolve("missing")));
    }

    /** @return the number of CPUs in a list such as {@code 0-3,6,8-9} */
    private static int cpusIn(String list) {
        int count = 0;
        for (String range : list.split(",")) {
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }
}
