package dev.blixard.core.worker;

import dev.blixard.api.job.Resources;
import dev.blixard.api.worker.Worker;

/**
 * A worker as stored.
 *
 * @param worker the API's view
 * @param version the row's version, for compare-and-set changes
 * @param inUse what the jobs it holds requested, summed
 */
public record StoredWorker(Worker worker, long version, Resources inUse) {
}
