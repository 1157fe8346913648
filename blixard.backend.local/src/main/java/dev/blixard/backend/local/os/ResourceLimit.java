package dev.blixard.backend.local.os;

/**
 * The resource limits ({@code RLIMIT_*}) a job may be given, with the generic Linux numbers that x86_64
 * and aarch64 share (MIPS, SPARC and Alpha number NOFILE, NPROC and AS differently).
 */
public enum ResourceLimit {
    /** CPU time, in seconds: SIGXCPU at the soft limit, SIGKILL at the hard one. */
    CPU(0, "--cpu"),
    /** Largest file the process may write, in bytes (SIGXFSZ beyond it). */
    FSIZE(1, "--fsize"),
    /** Largest core dump, in bytes; 0 disables them. */
    CORE(4, "--core"),
    /** Processes (threads) the job's user may have, counted per real user id, not per job. */
    NPROC(6, "--nproc"),
    /** Open file descriptors per process (one more than the highest descriptor number). */
    NOFILE(7, "--nofile"),
    /** Address space (virtual memory) per process, in bytes. */
    AS(9, "--as");

    private final int resource;
    private final String prlimitOption;

    ResourceLimit(int resource, String prlimitOption) {
        this.resource = resource;
        this.prlimitOption = prlimitOption;
    }

    /** @return the {@code RLIMIT_*} number passed to {@code getrlimit(2)} */
    public int resource() {
        return resource;
    }

    /** @return the option of util-linux {@code prlimit(1)} that sets this limit, e.g. {@code --nofile} */
    public String prlimitOption() {
        return prlimitOption;
    }
}
