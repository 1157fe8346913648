package dev.blixard.backend.docker;

import java.util.Arrays;
import java.util.Locale;

/** When a job's image is pulled from its registry (configuration {@code pull.policy}). */
enum PullPolicy {
    /** Only images already on the engine: a missing image fails the job. The default; tests have no registry. */
    NEVER("never"),
    /** Pull when the engine lacks the image. */
    IF_MISSING("if-missing"),
    /** Pull before every job, so a moved tag is followed. */
    ALWAYS("always");

    final String wireName;

    PullPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    static PullPolicy fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(policy -> policy.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pull.policy \"" + name
                        + "\" is none of never, if-missing, always"));
    }
}
