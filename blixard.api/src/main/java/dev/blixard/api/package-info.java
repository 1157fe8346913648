/**
 * The root of Blixard's published contract: the errors every service reports and the health
 * vocabulary shared by services, backends and plugins.
 *
 * <p>Sub-packages hold the job model ({@code job}), workers ({@code worker}), the services the node
 * provides ({@code service}), the SPIs that plugins implement ({@code backend}, {@code plugin}) and the
 * event topics ({@code event}). The API depends on nothing but the JDK.
 */
@Export
@Version("1.0.0")
package dev.blixard.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
