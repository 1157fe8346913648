package dev.blixard.backend.docker;

import java.time.Instant;
import java.util.Optional;

/**
 * The engine as the last probe found it: its facts when it answered, the reason when it did not. Health and
 * submit read this instead of asking the engine, so neither waits on an engine that hangs.
 *
 * @param facts the engine's version and platform, when it answered
 * @param unreachable why it did not answer, when it did not
 * @param checkedAt when the probe ran
 */
record EngineStatus(Optional<DockerEngine.Facts> facts, Optional<String> unreachable, Instant checkedAt) {

    static EngineStatus reachable(DockerEngine.Facts facts, Instant checkedAt) {
        return new EngineStatus(Optional.of(facts), Optional.empty(), checkedAt);
    }

    static EngineStatus unreachable(Throwable failure, Instant checkedAt) {
        return new EngineStatus(Optional.empty(), Optional.of(reason(failure)), checkedAt);
    }

    boolean isReachable() {
        return facts.isPresent();
    }

    /**
     * The innermost cause's words: docker-java wraps a refused connection or a missing socket in a
     * RuntimeException or two whose own messages only repeat the cause's class name.
     */
    static String reason(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
