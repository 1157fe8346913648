package dev.blixard.api;

/** How well a component works, from best to worst. */
public enum HealthState {
    /** Working as intended. */
    UP,
    /** Working, but with reduced capability (for example a fallback isolation profile). */
    DEGRADED,
    /** Not working: nothing should be sent to it. */
    DOWN;

    /** @return the worse of this state and {@code other}, used to aggregate component states */
    public HealthState worst(HealthState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
