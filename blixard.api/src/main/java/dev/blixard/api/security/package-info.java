/**
 * Who may call a node: bearer tokens with a {@link dev.blixard.api.security.Role} and an optional tenant.
 * Tokens are kept as SHA-256 hashes in the replicated store, so a token made on one node is accepted by
 * every node of its cluster; the secret itself is shown once, when it is created, and never stored.
 */
@Export
@Version("1.0.0")
package dev.blixard.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
