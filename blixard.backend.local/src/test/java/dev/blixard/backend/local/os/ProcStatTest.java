package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link ProcStat} on real processes, one of them named to mislead a parser, on this JVM's own times, on
 * fixed lines with every field told apart, and on processes that are gone.
 */
public class ProcStatTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Rule
    public final StartedProcesses processes = new StartedProcesses();

    @Test
    public void aCommandNameWithParenthesesAndSpacesIsReadWhole() throws Exception {
        Path program = folder.getRoot().toPath().resolve("a) b (c");
        Files.copy(Path.of("/bin/sleep"), program);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        // setsid runs it in place as the leader of a group of its own: pid, parent and group all differ.
        Process process = processes.start("setsid", program.toString(), "300");
        long pid = process.pid();
        Host.await("a sleeping program in its own group", WAIT, () -> Host.state(pid) == 'S' && Host.processGroup(pid) == pid);

        ProcStat stat = ProcStat.read(pid).orElseThrow();
        assertEquals(pid, stat.pid());
        assertEquals("a) b (c", stat.comm());
        assertEquals('S', stat.state());
        assertEquals(ProcessHandle.current().pid(), stat.ppid());
        assertEquals(pid, stat.processGroup());
        assertTrue(stat.toString(), stat.totalTicks() >= 0 && stat.utimeTicks() + stat.stimeTicks() < 50);
    }

    @Test
    public void theTimesOfThisJvmAreWhatTheJdkReports() throws Exception {
        // The JDK reads utime + stime of /proc/self/stat on its own; the JVM runs on meanwhile, so bracket it.
        long ticksPerSecond = Long.parseLong(Host.output("getconf", "CLK_TCK"));
        long self = ProcessHandle.current().pid();
        long before = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        ProcStat stat = ProcStat.read(self).orElseThrow();
        long after = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();

        long millis = (stat.utimeTicks() + stat.stimeTicks()) * 1000 / ticksPerSecond;
        Host.assertWithin("CPU time of this JVM in ms", before, after, 1000 / ticksPerSecond, millis);
        assertTrue("user time " + stat, stat.utimeTicks() > stat.stimeTicks());
        assertEquals(Host.processGroup(self), stat.processGroup());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), stat.ppid());
    }

    @Test
    public void everyFieldIsTakenFromItsPlace() {
        // The name holds ") X 7 8 9" as if the fields began there; the fields all differ, so a shift shows.
        String line = "4711 (x) X 7 8 9) S 42 43 44 0 -1 4194304 100 101 102 103 11 12 13 14 20 0 1 0 5000 6000 7000\n";
        ProcStat stat = ProcStat.parse(line);
        assertEquals(new ProcStat(4711, "x) X 7 8 9", 'S', 42, 43, 11, 12, 13, 14), stat);
        assertEquals(50, stat.totalTicks());
    }

    @Test
    public void aLineOfAnotherShapeIsRefused() {
        for (String line : new String[] {"", "4711", "4711 (x)", "(x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
                "4711 (x) S 1 2 3 4 5 6 7 8 9 10 11 12", "4711 (x) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14",
                "4711 (x) S 1 2 3 4 5 6 7 8 9 10 eleven 12 13 14 15", "pid (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"}) {
            assertThrows(line, IllegalArgumentException.class, () -> ProcStat.parse(line));
        }
    }

    @Test
    public void aProcessThatIsGoneHasNoStat() throws Exception {
        Process process = processes.start("sleep", "300");
        long pid = process.pid();
        assertTrue(ProcStat.read(pid).isPresent());
        process.destroyForcibly().waitFor(); // and reaped
        assertEquals(Optional.empty(), ProcStat.read(pid));
        assertEquals(Optional.empty(), ProcStat.read(-1));
    }
}
