/**
 * Workers: the processes (a node's own agent or an external program) that claim and run jobs.
 */
@Export
@Version("1.0.0")
package dev.blixard.api.worker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
