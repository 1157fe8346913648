/**
 * The plugin SPIs: in-JVM job processors, resource allocators (placement strategies) and job validators.
 * Each is an OSGi service, usually a Declarative Services component in a plugin jar of its own that can
 * be dropped into a node's {@code deploy/} folder, replaced and removed while the node runs. Every plugin
 * reports {@link dev.blixard.api.plugin.PluginMetadata metadata} and {@link dev.blixard.api.Health health}.
 *
 * <p>Rules every plugin follows: return promptly from activation; on deactivation stop what it started
 * and leave no thread behind; never block a caller for long; carry the job id in every log line and error.
 */
@Export
@Version("1.1.0")
package dev.blixard.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
