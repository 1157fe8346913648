package dev.blixard.backend.local.os;

/**
 * Sends signals to a job's processes, above all to its whole process group: a job started under
 * {@code setsid} leads its own group, and signalling the group reaches the children and grandchildren
 * that {@link Process#destroy()} would miss.
 *
 * <p>Refuses to signal the node itself, its own process group, group 1 and the special values 0 and -1,
 * so that a wrong id in the backend cannot end the node or every process on the host.
 *
 * <p>Process and group ids can be reused once everything that held them is gone and reaped. A group id
 * stays taken while any member lives (the kernel does not reuse an id that is still a group id), so
 * signalling a group the backend created, before it has seen the group empty, reaches that job only.
 */
public final class Signals {

    private final Libc libc;
    private final long ownPid;
    private final long ownProcessGroup;

    /**
     * @throws IllegalStateException when this process's own group cannot be read from {@code /proc/self}
     */
    public Signals(Libc libc) {
        this.libc = libc;
        this.ownPid = ProcessHandle.current().pid();
        this.ownProcessGroup = ProcStat.read(ownPid)
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + ownPid + "/stat of this process"))
                .processGroup();
    }

    /**
     * Sends {@code signal} to every process of the group ({@code kill(-processGroupId, sig)}).
     *
     * @return true when at least one member received it (members that are zombies, exited but not yet
     *         reaped by their parent, count: the kernel still lists them); false when the group has no
     *         member left ({@code ESRCH})
     * @throws IllegalArgumentException for an id that is not a job's group (at most 1, too large, or the
     *         node's own group)
     * @throws IllegalStateException when the kernel refuses for another reason ({@code EPERM}: a group of
     *         another user)
     */
    public boolean signalGroup(long processGroupId, Signal signal) {
        int pgid = checkedId(processGroupId, "process group");
        if (processGroupId == ownProcessGroup) {
            throw new IllegalArgumentException("refusing to signal the node's own process group " + processGroupId);
        }
        return sent(libc.kill(-pgid, signal.number()), "kill(-" + pgid + ", SIG" + signal + ")");
    }

    /**
     * Sends {@code signal} to one process ({@code kill(pid, sig)}).
     *
     * @return true when it was sent (also to a zombie), false when no such process exists ({@code ESRCH})
     * @throws IllegalArgumentException for an id that cannot be a job's process (at most 1, too large, or
     *         the node itself)
     * @throws IllegalStateException when the kernel refuses for another reason ({@code EPERM})
     */
    public boolean signalProcess(long pid, Signal signal) {
        int id = checkedId(pid, "process");
        if (pid == ownPid) {
            throw new IllegalArgumentException("refusing to signal the node's own process " + pid);
        }
        return sent(libc.kill(id, signal.number()), "kill(" + id + ", SIG" + signal + ")");
    }

    private static int checkedId(long id, String what) {
        // 0, 1 and negative ids mean "my group", "init" or "every process" to kill(2); Linux ids fit an int.
        if (id <= 1 || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a job's " + what + " id: " + id);
        }
        return (int) id;
    }

    private static boolean sent(int errno, String call) {
        if (errno == 0) {
            return true;
        }
        if (errno == Errno.ESRCH) {
            return false;
        }
        throw new IllegalStateException(call + " failed: " + Errno.describe(errno));
    }
}
