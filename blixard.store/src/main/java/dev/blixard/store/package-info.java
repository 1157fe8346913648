/**
 * A SQLite database replicated with Raft (Apache Ratis): every node keeps a SQLite file, every write is a
 * batch of SQL statements that goes through the Raft log, and the same deterministic apply runs on every
 * node. It knows nothing about what the tables mean; Blixard's core uses it for the job queue.
 *
 * <p>One node with no peers is a one-member group that needs no setup; the same code with peers is a
 * cluster that survives the loss of a minority of its members.
 */
@Export
@Version("1.1.0")
package dev.blixard.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
