package dev.blixard.core.worker;

import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;

/**
 * A worker as stored.
 *
 * @param worker the API's view
 * @param version the row's version, for compare-and-set changes
 * @param inUse what the jobs it holds requested, summed ({@link Resources#NONE} when it declared none)
 * @param held how many jobs it holds (its {@code runningJobs} may be left empty when only the count was read)
 */
public record StoredWorker(Worker worker, long version, Resources inUse, int held) {

    /** @return how many more jobs it can take now */
    public int freeSlots() {
        return Math.max(0, worker.registration().capacity() - held);
    }
}
