/**
 * The execution backend SPI: how jobs run on a technology (local processes, WebAssembly, microVMs,
 * containers, a mock). A backend is an OSGi service of type {@link dev.blixard.api.backend.ExecutionBackend},
 * usually a Declarative Services component in a bundle of its own, so it can be installed, replaced and
 * removed while the node runs; the node's worker agent claims jobs of the backend's type and runs them on
 * it.
 */
@Export
@Version("1.1.0")
package dev.blixard.api.backend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
