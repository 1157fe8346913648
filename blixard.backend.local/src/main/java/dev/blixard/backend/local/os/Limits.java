package dev.blixard.backend.local.os;

import java.util.OptionalLong;

/**
 * The node's own resource limits. A job inherits them and, without {@code CAP_SYS_RESOURCE}, can only be
 * given lower ones: the backend compares what a job asks for with {@link #hard(ResourceLimit)} and refuses
 * more, instead of letting {@code prlimit} fail when the job starts.
 */
public final class Limits {

    private final Libc libc;

    public Limits(Libc libc) {
        this.libc = libc;
    }

    /** @return the hard limit of this process, empty when unlimited */
    public OptionalLong hard(ResourceLimit limit) {
        return finite(libc.getrlimit(limit.resource()).rlimMax());
    }

    /** @return the soft (enforced) limit of this process, empty when unlimited */
    public OptionalLong soft(ResourceLimit limit) {
        return finite(libc.getrlimit(limit.resource()).rlimCur());
    }

    private static OptionalLong finite(long value) {
        return value == Rlimit.INFINITY ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
