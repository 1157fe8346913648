/**
 * Jobs: what clients submit, what workers claim, and the life-cycle a job goes through.
 */
@Export
@Version("1.0.0")
package dev.blixard.api.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
