package dev.blixard.backend.local.os;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link Signals} against real processes: a whole {@code setsid} group ends, a single process is reached
 * alone, the signal numbers are the kernel's, vanished ids answer false, and the ids that could hit the
 * node or the host are refused (those tests send only the harmless CONT, in case a refusal is missing).
 */
public class SignalsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Rule
    public final StartedProcesses processes = new StartedProcesses();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final Libc libc = Libc.load();
    private final Signals signals = new Signals(libc);

    @Test
    public void signallingAGroupEndsTheLeaderAndEveryChild() throws Exception {
        Process leader = groupOfTwoSleeps();
        List<Long> members = new ArrayList<>(List.of(leader.pid()));
        leader.children().forEach(child -> members.add(child.pid()));

        assertTrue(signals.signalGroup(leader.pid(), Signal.TERM));
        Host.await("end of every member of " + members, WAIT, () -> members.stream().allMatch(Host::ended));
    }

    @Test
    public void signallingOneProcessLeavesTheRestOfItsGroup() throws Exception {
        Process leader = groupOfTwoSleeps();
        long[] sleeps = leader.children().mapToLong(ProcessHandle::pid).toArray();

        assertTrue(signals.signalProcess(sleeps[0], Signal.KILL));
        Host.await("end of " + sleeps[0], WAIT, () -> Host.ended(sleeps[0]));
        Thread.sleep(100);
        assertFalse("the other child", Host.ended(sleeps[1]));
        assertFalse("the leader", Host.ended(leader.pid()));
    }

    @Test
    public void stopAndContinueAreTheKernelsStopAndContinue() throws Exception {
        long pid = processes.start("sleep", "300").pid();
        assertTrue(signals.signalProcess(pid, Signal.STOP));
        Host.await("stopped state", WAIT, () -> Host.state(pid) == 'T');
        assertTrue(signals.signalProcess(pid, Signal.CONT));
        Host.await("sleeping state", WAIT, () -> Host.state(pid) == 'S');
    }

    @Test
    public void everyEndingSignalIsTheOneTheKernelNamesSo() throws Exception {
        List<Signal> tried = new ArrayList<>();
        for (Signal signal : List.of(Signal.HUP, Signal.INT, Signal.QUIT, Signal.KILL, Signal.TERM)) {
            // No core file from QUIT, wherever the limit allows one.
            Process sleep = processes.start(new ProcessBuilder("prlimit", "--core=0", "sleep", "300")
                    .directory(folder.getRoot()).redirectError(ProcessBuilder.Redirect.INHERIT));
            Host.await("sleep running", WAIT, () -> Host.state(sleep.pid()) == 'S');
            // A signal the JVM blocks (QUIT in its threads) or ignores stays so in the child: it cannot end it.
            long bit = 1L << signal.number() - 1;
            if (((Host.signalMask(sleep.pid(), "SigBlk") | Host.signalMask(sleep.pid(), "SigIgn")) & bit) != 0) {
                continue;
            }
            tried.add(signal);
            assertTrue(signals.signalProcess(sleep.pid(), signal));
            assertTrue("SIG" + signal + " ended sleep", sleep.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            // The JDK reports a death by signal n as exit status 128 + n; the shell names n independently.
            assertEquals(signal.name(), Host.output("sh", "-c", "kill -l " + (sleep.exitValue() - 128)));
        }
        assertTrue("tried " + tried, tried.containsAll(List.of(Signal.KILL, Signal.TERM)));
    }

    @Test
    public void aZombieCountsAsSignalled() throws Exception {
        // The shell becomes a sleep that never waits for the child it started, which stays a zombie.
        Process parent = processes.start("sh", "-c", "sleep 0 & exec sleep 300");
        Host.await("a child", WAIT, () -> parent.children().findAny().isPresent());
        long zombie = parent.children().findFirst().orElseThrow().pid();
        Host.await("zombie state", WAIT, () -> Host.state(zombie) == 'Z');
        assertTrue(signals.signalProcess(zombie, Signal.TERM));
    }

    @Test
    public void aVanishedGroupOrProcessIsNotSignalled() throws Exception {
        Process gone = processes.start("setsid", "sleep", "300");
        long pid = gone.pid();
        Host.await("a group of its own", WAIT, () -> Host.processGroup(pid) == pid);
        gone.destroyForcibly().waitFor(); // and reaped, so neither the process nor its group exists
        assertFalse(signals.signalGroup(pid, Signal.TERM));
        assertFalse(signals.signalProcess(pid, Signal.TERM));
        assertEquals(Errno.ESRCH, libc.kill((int) pid, Signal.TERM.number()));
    }

    @Test
    public void idsThatAreNoJobsAreRefused() {
        for (long id : new long[] {1, 0, -1, -2, Integer.MAX_VALUE + 1L, Long.MIN_VALUE}) {
            assertThrows("group " + id, IllegalArgumentException.class, () -> signals.signalGroup(id, Signal.CONT));
            assertThrows("process " + id, IllegalArgumentException.class, () -> signals.signalProcess(id, Signal.CONT));
        }
        assertThrows("kill(0) would signal the caller's group", IllegalArgumentException.class, () -> libc.kill(0, Signal.CONT.number()));
        assertThrows("kill(-1) would signal every process", IllegalArgumentException.class, () -> libc.kill(-1, Signal.CONT.number()));
    }

    @Test
    public void theNodeItselfAndItsOwnGroupAreRefused() {
        long self = ProcessHandle.current().pid();
        long ownGroup = Host.processGroup(self);
        assertThrows(IllegalArgumentException.class, () -> signals.signalProcess(self, Signal.CONT));
        assumeTrue("the tests run in group " + ownGroup + ", which is refused as an id anyway", ownGroup > 1);
        assertThrows(IllegalArgumentException.class, () -> signals.signalGroup(ownGroup, Signal.CONT));
    }

    /** @return the leader of a new session and group, {@code sh}, once it has its two {@code sleep} children */
    private Process groupOfTwoSleeps() throws Exception {
        Process leader = processes.start("setsid", "sh", "-c", "sleep 300 & sleep 300 & wait");
        Host.await("sh leading a group of its own (setsid runs it in place)", WAIT, () -> Host.processGroup(leader.pid()) == leader.pid());
        Host.await("two children", WAIT, () -> leader.children().count() == 2);
        leader.children().forEach(child -> processes.track(child.pid()));
        Host.await("the children sleeping", WAIT, () -> leader.children().allMatch(child -> Host.state(child.pid()) == 'S'));
        return leader;
    }
}
