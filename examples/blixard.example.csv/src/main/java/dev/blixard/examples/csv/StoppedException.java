package dev.blixard.examples.csv;

/** A run stopped before its end because it was asked to (see {@link Interruption}). */
final class StoppedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Interruption.Stop stop;

    StoppedException(Interruption.Stop stop) {
        super(stop.reason());
        this.stop = stop;
    }

    Interruption.Stop stop() {
        return stop;
    }
}
