package dev.blixard.core.placement;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.List;

/**
 * What a claiming worker still has free while an allocator picks jobs for it: the resource arithmetic all
 * allocators share. A worker's 0 in a dimension means it does not limit that dimension; a job's 0 means it
 * requests none of it. CPU is counted in thousandths of a core, so that taking 0.1 three times from 0.3
 * leaves exactly nothing rather than a floating-point crumb that refuses the third job. Not thread-safe:
 * one instance serves one claim.
 */
final class FreeResources {
    private static final long UNLIMITED = -1;

    private long milliCpu;
    private long memoryMb;
    private long diskMb;

    private FreeResources(Resources free) {
        milliCpu = limit(milliCpu(free.cpu()));
        memoryMb = limit(free.memoryMb());
        diskMb = limit(free.diskMb());
    }

    /** @return the free resources of {@code worker}, as its registration reports them to placement */
    static FreeResources of(Worker worker) {
        return new FreeResources(worker.registration().resources());
    }

    /** @return whether what is left covers every dimension {@code job} requests */
    boolean fits(Job job) {
        Resources request = job.resources();
        return fits(milliCpu, milliCpu(request.cpu())) && fits(memoryMb, request.memoryMb())
                && fits(diskMb, request.diskMb());
    }

    /** Takes what {@code job} requests; call only after {@link #fits}. */
    void take(Job job) {
        Resources request = job.resources();
        milliCpu = minus(milliCpu, milliCpu(request.cpu()));
        memoryMb = minus(memoryMb, request.memoryMb());
        diskMb = minus(diskMb, request.diskMb());
    }

    /** @return whether {@code job} requests something in a dimension this worker limits, so it packs */
    boolean packs(Job job) {
        Resources request = job.resources();
        return (milliCpu != UNLIMITED && milliCpu(request.cpu()) > 0)
                || (memoryMb != UNLIMITED && request.memoryMb() > 0)
                || (diskMb != UNLIMITED && request.diskMb() > 0);
    }

    /**
     * @return the share of the limited dimensions that would stay free after taking {@code job}, averaged
     *         over those dimensions: 0 for a perfect fit, 1 when it takes nothing limited
     */
    double leftoverAfter(Job job) {
        Resources request = job.resources();
        double sum = 0;
        int dimensions = 0;
        if (milliCpu != UNLIMITED) {
            sum += leftoverShare(milliCpu, milliCpu(request.cpu()));
            dimensions++;
        }
        if (memoryMb != UNLIMITED) {
            sum += leftoverShare(memoryMb, request.memoryMb());
            dimensions++;
        }
        if (diskMb != UNLIMITED) {
            sum += leftoverShare(diskMb, request.diskMb());
            dimensions++;
        }
        return dimensions == 0 ? 1 : sum / dimensions;
    }

    /**
     * Walks {@code ordered} and takes every job that fits in what is still free, until {@code limit} jobs
     * are taken: first fit over the given order, which all but best fit share.
     */
    static List<Job> takeInOrder(Worker worker, Iterable<Job> ordered, int limit) {
        FreeResources free = of(worker);
        List<Job> chosen = new ArrayList<>();
        for (Job job : ordered) {
            if (chosen.size() >= limit) {
                break;
            }
            if (free.fits(job)) {
                free.take(job);
                chosen.add(job);
            }
        }
        return chosen;
    }

    private static long limit(long free) {
        return free == 0 ? UNLIMITED : free;
    }

    private static boolean fits(long free, long request) {
        return request == 0 || free == UNLIMITED || request <= free;
    }

    private static long minus(long free, long request) {
        return free == UNLIMITED ? UNLIMITED : free - request;
    }

    /** An exhausted dimension is the same for every job that still fits, so it adds nothing. */
    private static double leftoverShare(long free, long request) {
        return free == 0 ? 0 : (double) (free - request) / free;
    }

    private static long milliCpu(double cpu) {
        return Math.round(cpu * 1000);
    }
}
