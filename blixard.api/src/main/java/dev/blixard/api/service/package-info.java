/**
 * The services a Blixard node provides (core implements them; the REST layer, workers and plugins use
 * them): commands that change the queue, queries that read it, workers, health and the cluster. Commands and queries
 * are separate services (CQRS): a reader never needs write access.
 *
 * <p>Every method reports refusals as {@link dev.blixard.api.BlixardException} subclasses and changes
 * nothing when it throws.
 */
@Export
@Version("1.3.0")
package dev.blixard.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
