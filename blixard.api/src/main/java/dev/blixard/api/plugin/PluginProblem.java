package dev.blixard.api.plugin;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that keeps a plugin from working, as an operator needs to read it: a jar in the deploy directory
 * that is not a bundle, a bundle whose imports nothing provides, a component whose activation threw. A broken
 * plugin never takes the node down; it is reported here, in the node's health and in its log.
 *
 * @param subject what is broken: a bundle's symbolic name and version, or the jar's file name when it is no
 *     bundle
 * @param kind the kind of problem
 * @param problem what is wrong, in words, with the names the operator needs (packages, classes, files)
 * @param since when it was first seen
 */
public record PluginProblem(String subject, Kind kind, String problem, Instant since) {

    /** The kinds of problem a plugin can have. */
    public enum Kind {
        /** A jar in the deploy directory that the framework cannot install (not a jar, no or a bad manifest). */
        NOT_INSTALLED,
        /** An installed bundle that cannot resolve: a package or capability it requires is not there. */
        UNRESOLVED,
        /** A resolved bundle whose start failed (its activator threw, for example). */
        NOT_STARTED,
        /** A component of a bundle whose activation (constructor, activate method) threw. */
        FAILED_ACTIVATION
    }

    public PluginProblem {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(since, "since");
    }
}
