package dev.blixard.backend.local.os;

/**
 * The signals the backend sends, with their Linux numbers on x86_64 and aarch64 (STOP and CONT differ on
 * MIPS, SPARC and Alpha, which {@link Libc#load()} refuses).
 */
public enum Signal {
    /** Hang-up: some programs reload or end on it. */
    HUP(1),
    /** Interrupt, as Ctrl-C sends it. */
    INT(2),
    /** Quit: ends the process, with a core dump where the core limit allows one. */
    QUIT(3),
    /** Cannot be caught or ignored: the last resort after {@link #TERM}. */
    KILL(9),
    /** The polite request to end, which a job may catch to clean up. */
    TERM(15),
    /** Resumes a stopped process. */
    CONT(18),
    /** Stops (pauses) a process; cannot be caught. */
    STOP(19);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** @return the signal number passed to {@code kill(2)} */
    public int number() {
        return number;
    }
}
