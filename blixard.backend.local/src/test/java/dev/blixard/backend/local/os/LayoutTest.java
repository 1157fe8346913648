package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The fixed offsets {@link Sysinfo} and {@link Statvfs} are read at, and the {@code sysconf} names, field by
 * field against {@code /proc}, {@code stat -f}, {@code /proc/<pid>/mountinfo} and {@code getconf}.
 */
public class LayoutTest {

    private static final long MIB = 1 << 20;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Rule
    public final StartedProcesses processes = new StartedProcesses();

    private final Libc libc = Libc.load();

    @Test
    public void sysinfoMemoryIsWhatMeminfoSays() throws IOException {
        long[] before = memoryFromMeminfo();
        Sysinfo info = libc.sysinfo();
        long[] after = memoryFromMeminfo();

        assertTrue("mem_unit " + info.memUnit(), info.memUnit() >= 1);
        assertEquals("totalram", Host.meminfoBytes("MemTotal"), info.bytes(info.totalram()));
        assertEquals("totalswap", Host.meminfoBytes("SwapTotal"), info.bytes(info.totalswap()));
        // The free figures move with every allocation on the host: between the two readings, give or take.
        Host.assertWithin("freeram", before[0], after[0], 64 * MIB, info.bytes(info.freeram()));
        Host.assertWithin("sharedram", before[1], after[1], 2 * MIB, info.bytes(info.sharedram()));
        Host.assertWithin("bufferram", before[2], after[2], 2 * MIB, info.bytes(info.bufferram()));
        Host.assertWithin("freeswap", before[3], after[3], 16 * MIB, info.bytes(info.freeswap()));
        assertEquals("totalhigh: no high memory on a 64-bit kernel", 0, info.totalhigh());
        assertEquals("freehigh", 0, info.freehigh());
    }

    @Test
    public void sysinfoLoadsUptimeAndTasksAreWhatProcSays() throws Exception {
        double uptimeBefore = procUptime();
        Host.Loadavg<Sysinfo> read = Host.betweenSteadyLoadavg(libc::sysinfo);
        double uptimeAfter = procUptime();
        Sysinfo info = read.value();

        // /proc/loadavg rounds to two decimals what sysinfo gives in 1/65536.
        assertEquals("1-minute load", read.load(0), info.load1() / Sysinfo.LOAD_SCALE, 0.006);
        assertEquals("5-minute load", read.load(1), info.load5() / Sysinfo.LOAD_SCALE, 0.006);
        assertEquals("15-minute load", read.load(2), info.load15() / Sysinfo.LOAD_SCALE, 0.006);
        // sysinfo rounds the uptime up to a whole second.
        assertTrue("uptime " + info.uptime() + " s, /proc/uptime " + uptimeBefore + " to " + uptimeAfter,
                info.uptime() >= uptimeBefore - 1 && info.uptime() <= uptimeAfter + 1);
        // procs counts tasks (threads), as the second half of loadavg's fourth field does; threads come and go.
        Host.assertWithin("procs", threads(read.before()), threads(read.after()), 32, info.procs());
    }

    @Test
    public void statvfsOfTheRootAndTheTempDirectoryIsWhatStatSays() throws Exception {
        for (Path path : List.of(Path.of("/"), folder.getRoot().toPath().toRealPath())) {
            assertStatvfsIsWhatStatSays(path);
            assertFlagsAreTheMountOptions(path, path, Path.of("/proc/self/mountinfo"));
        }
    }

    @Test
    public void statvfsFlagsAreTheMountOptionsOfProcAndSys() throws Exception {
        // Read-only in many containers; whatever they are here, the flags must say the same as mountinfo.
        for (Path path : List.of(Path.of("/proc"), Path.of("/sys"))) {
            assertFlagsAreTheMountOptions(path, path, Path.of("/proc/self/mountinfo"));
        }
    }

    @Test
    public void aReadOnlyNoSuidNoDevNoExecMountShowsEveryFlagAndItsOwnSizes() throws Exception {
        // A small tmpfs mounted in a mount namespace of its own, seen from here through /proc/<pid>/root:
        // every flag bit set, and counts unlike those of the root file system.
        Path mountPoint = folder.newFolder("ro").toPath();
        Process holder = processes.start("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o ro,nosuid,nodev,noexec,size=1m,nr_inodes=1000 blixard-test \"$1\""
                        + " && echo mounted && exec sleep 300", "sh", mountPoint.toString());
        String said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assumeTrue("cannot mount in a namespace of our own here (unshare failed)", "mounted".equals(said));
        Path seen = Path.of("/proc/" + holder.pid() + "/root" + mountPoint);

        Statvfs statvfs = libc.statvfs(seen);
        long all = Statvfs.ST_RDONLY | Statvfs.ST_NOSUID | Statvfs.ST_NODEV | Statvfs.ST_NOEXEC;
        assertEquals("flags " + statvfs.flag(), all, statvfs.flag() & all);
        assertEquals("blocks of 1 MiB", MIB, statvfs.blocks() * statvfs.frsize());
        assertEquals("files", 1000, statvfs.files());
        assertStatvfsIsWhatStatSays(seen);
        assertFlagsAreTheMountOptions(seen, mountPoint, Path.of("/proc/" + holder.pid() + "/mountinfo"));
    }

    @Test
    public void statvfsPassesANonAsciiPathAsTheFileSystemSpellsIt() throws IOException {
        Path odd = Files.createDirectory(folder.getRoot().toPath().resolve("grüße ✓ dir"));
        assertEquals(libc.statvfs(folder.getRoot().toPath()).fsid(), libc.statvfs(odd).fsid());
    }

    @Test
    public void statvfsOfAMissingPathNamesTheErrno() {
        IOException e = assertThrows(IOException.class, () -> libc.statvfs(folder.getRoot().toPath().resolve("missing")));
        assertTrue(e.getMessage(), e.getMessage().contains("ENOENT (errno 2)"));
    }

    @Test
    public void sysconfGivesWhatGetconfSays() throws Exception {
        assertEquals(Long.parseLong(Host.output("getconf", "CLK_TCK")), libc.sysconf(Libc.SC_CLK_TCK));
        assertEquals(Long.parseLong(Host.output("getconf", "_NPROCESSORS_ONLN")), libc.sysconf(Libc.SC_NPROCESSORS_ONLN));
        assertThrows(IllegalStateException.class, () -> libc.sysconf(-4711));
    }

    @Test
    public void getrlimitOfAnUnknownResourceNamesTheErrno() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> libc.getrlimit(4711));
        assertTrue(e.getMessage(), e.getMessage().contains("EINVAL"));
    }

    /** @return MemFree, Shmem, Buffers and SwapFree in bytes */
    private static long[] memoryFromMeminfo() throws IOException {
        return new long[] {Host.meminfoBytes("MemFree"), Host.meminfoBytes("Shmem"), Host.meminfoBytes("Buffers"),
                Host.meminfoBytes("SwapFree")};
    }

    private static double procUptime() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    }

    private static long threads(String[] loadavg) {
        return Long.parseLong(loadavg[3].substring(loadavg[3].indexOf('/') + 1));
    }

    private void assertStatvfsIsWhatStatSays(Path path) throws Exception {
        String format = "%s %S %b %f %a %c %d %l %i";
        String[] before = Host.output("stat", "-f", "--format=" + format, path.toString()).split(" ");
        Statvfs statvfs = libc.statvfs(path);
        String[] after = Host.output("stat", "-f", "--format=" + format, path.toString()).split(" ");

        assertEquals(path + " bsize", Long.parseLong(before[0]), statvfs.bsize());
        assertEquals(path + " frsize", Long.parseLong(before[1]), statvfs.frsize());
        assertEquals(path + " blocks", Long.parseLong(before[2]), statvfs.blocks());
        long blockSlack = 16 * MIB / statvfs.frsize();
        Host.assertWithin(path + " bfree", Long.parseLong(before[3]), Long.parseLong(after[3]), blockSlack, statvfs.bfree());
        Host.assertWithin(path + " bavail", Long.parseLong(before[4]), Long.parseLong(after[4]), blockSlack, statvfs.bavail());
        assertEquals(path + " files", Long.parseLong(before[5]), statvfs.files());
        Host.assertWithin(path + " ffree", Long.parseLong(before[6]), Long.parseLong(after[6]), 200, statvfs.ffree());
        Host.assertWithin(path + " favail (Linux has no inodes reserved for root)", Long.parseLong(before[6]),
                Long.parseLong(after[6]), 200, statvfs.favail());
        assertEquals(path + " namemax", Long.parseLong(before[7]), statvfs.namemax());
        // stat prints the kernel's two 32-bit fsid words the other way round from glibc's statvfs.
        assertEquals(path + " fsid", Long.rotateLeft(Long.parseUnsignedLong(before[8], 16), 32), statvfs.fsid());
    }

    /** Checks the flags of {@code seen}, which is {@code path} in the mount namespace {@code mountinfo} describes. */
    private void assertFlagsAreTheMountOptions(Path seen, Path path, Path mountinfo) throws IOException {
        long flagBits = Statvfs.ST_RDONLY | Statvfs.ST_NOSUID | Statvfs.ST_NODEV | Statvfs.ST_NOEXEC;
        assertEquals(path + " flags", expectedFlags(path, mountinfo), libc.statvfs(seen).flag() & flagBits);
    }

    /** @return the flag bits the mount holding {@code path} should show, from its mount and super block options */
    private static long expectedFlags(Path path, Path mountinfo) throws IOException {
        String mountOptions = null;
        String superOptions = null;
        int longest = -1;
        for (String line : Files.readAllLines(mountinfo)) {
            // "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard": mount point 5th, its options 6th, the super
            // block's options last after " - ".
            String[] fields = line.split(" ");
            String[] tail = line.substring(line.indexOf(" - ") + 3).split(" ");
            Path mountPoint = Path.of(fields[4].replace("\\040", " "));
            // The longest mount point above the path holds it; of equal ones, the later covers the earlier.
            if (path.startsWith(mountPoint) && mountPoint.getNameCount() >= longest) {
                longest = mountPoint.getNameCount();
                mountOptions = "," + fields[5] + ",";
                superOptions = "," + tail[2] + ",";
            }
        }
        assertTrue("no mount holds " + path + " in " + mountinfo, longest >= 0);
        return (mountOptions.contains(",ro,") || superOptions.contains(",ro,") ? Statvfs.ST_RDONLY : 0)
                | (mountOptions.contains(",nosuid,") ? Statvfs.ST_NOSUID : 0)
                | (mountOptions.contains(",nodev,") ? Statvfs.ST_NODEV : 0)
                | (mountOptions.contains(",noexec,") ? Statvfs.ST_NOEXEC : 0);
    }
}
