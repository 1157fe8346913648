package dev.blixard.examples.csv;

import dev.blixard.api.job.Job;
import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;
import java.util.ArrayList;
import java.util.List;

/**
 * What a claiming worker still has free while jobs are picked for it, with the conventions of Blixard's
 * built-in allocators (a plugin sees only the API, so it keeps its own copy): a worker's 0 in a dimension
 * means that dimension is not limited, a job's 0 means it requests none of it, and CPU is counted in
 * thousandths of a core so that 0.1 taken three times from 0.3 leaves exactly nothing. One instance per
 * claim; not thread-safe.
 */
final class ResourceBudget {
    private static final long UNLIMITED = Long.MAX_VALUE;

    private long milliCpu;
    private long memoryMb;
    private long diskMb;

    private ResourceBudget(Resources free) {
        milliCpu = limit(milliCpu(free.cpu()));
        memoryMb = limit(free.memoryMb());
        diskMb = limit(free.diskMb());
    }

    /**
     * Walks {@code ordered} and takes every job that fits in what {@code worker} still has free, until
     * {@code maxJobs} are taken.
     */
    static List<Job> takeInOrder(Worker worker, List<Job> ordered, int maxJobs) {
        ResourceBudget budget = new ResourceBudget(worker.registration().resources());
        List<Job> chosen = new ArrayList<>();
        for (Job job : ordered) {
            if (chosen.size() >= maxJobs) {
                break;
            }
            if (budget.takeIfFits(job.resources())) {
                chosen.add(job);
            }
        }
        return chosen;
    }

    private boolean takeIfFits(Resources request) {
        long cpu = milliCpu(request.cpu());
        if (!fits(milliCpu, cpu) || !fits(memoryMb, request.memoryMb()) || !fits(diskMb, request.diskMb())) {
            return false;
        }
        milliCpu = minus(milliCpu, cpu);
        memoryMb = minus(memoryMb, request.memoryMb());
        diskMb = minus(diskMb, request.diskMb());
        return true;
    }

    private static long limit(long free) {
        return free == 0 ? UNLIMITED : free;
    }

    private static boolean fits(long free, long request) {
        return request <= free;
    }

    private static long minus(long free, long request) {
        return free == UNLIMITED ? UNLIMITED : free - request;
    }

    private static long milliCpu(double cpu) {
        return Math.round(cpu * 1000);
    }
}
