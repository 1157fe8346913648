package dev.blixard.api.job;

import dev.blixard.api.internal.Checks;

/**
 * An amount of compute: what a job asks for, or what a worker or backend offers.
 *
 * @param cpu CPU cores, fractional allowed; 0 means unspecified
 * @param memoryMb memory in MiB; 0 means unspecified
 * @param diskMb scratch disk in MiB; 0 means unspecified
 * @throws dev.blixard.api.InvalidRequestException when a value is negative or absurdly large
 */
public record Resources(double cpu, long memoryMb, long diskMb) {
    /** No particular request. */
    public static final Resources NONE = new Resources(0, 0, 0);

    static final double MAX_CPU = 4096;
    static final long MAX_MB = 1L << 40;

    public Resources {
        Checks checks = new Checks();
        checks.check(Double.isFinite(cpu) && cpu >= 0 && cpu <= MAX_CPU, "resources.cpu",
                cpu + " is out of range [0, " + MAX_CPU + "]");
        checks.inRange(memoryMb, 0, MAX_MB, "resources.memory_mb");
        checks.inRange(diskMb, 0, MAX_MB, "resources.disk_mb");
        checks.throwIfInvalid();
    }

    /** @return whether {@code available} covers every amount this request specifies */
    public boolean fitsIn(Resources available) {
        return (cpu == 0 || cpu <= available.cpu)
                && (memoryMb == 0 || memoryMb <= available.memoryMb)
                && (diskMb == 0 || diskMb <= available.diskMb);
    }

    /** @return what is left of this amount after {@code used} is taken, never below zero */
    public Resources minus(Resources used) {
        return new Resources(Math.max(0, cpu - used.cpu), Math.max(0, memoryMb - used.memoryMb),
                Math.max(0, diskMb - used.diskMb));
    }
}
