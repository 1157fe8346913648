/**
 * Event Admin topics and property keys of the events Blixard publishes. Every job transition is posted on
 * {@code blixard/job/<EVENT>} and every worker change on {@code blixard/worker/<EVENT>}, after it is
 * committed. Subscribe with an {@code org.osgi.service.event.EventHandler} on {@code blixard/job/*}.
 */
@Export
@Version("1.1.0")
package dev.blixard.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
