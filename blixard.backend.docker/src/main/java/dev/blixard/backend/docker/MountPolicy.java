package dev.blixard.backend.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which host directories jobs may bind-mount: only what lies under a configured directory, compared as real
 * paths (symbolic links and {@code ..} resolved on both sides), so that neither a link planted in an allowed
 * directory nor a path like {@code /srv/data/../../etc} leads out of it.
 */
final class MountPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(MountPolicy.class);

    private final List<Path> allowed;

    private MountPolicy(List<Path> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The configured directories as real paths; one that does not exist is left out with a warning. */
    static MountPolicy of(String[] configured) {
        List<Path> allowed = new ArrayList<>();
        for (String directory : configured) {
            if (directory.isBlank()) {
                continue;
            }
            try {
                Path real = Path.of(directory).toRealPath();
                if (Files.isDirectory(real)) {
                    allowed.add(real);
                } else {
                    LOG.warn("Docker backend: allowed mount {} is not a directory; ignored", directory);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Docker backend: allowed mount directory {} cannot be resolved ({}); ignored", directory, e.toString());
            }
        }
        return new MountPolicy(allowed);
    }

    List<Path> allowed() {
        return allowed;
    }

    /**
     * @return the host path to mount, resolved
     * @throws IllegalArgumentException naming the source when it does not exist or lies outside every allowed
     *         directory
     */
    Path check(String field, String source) {
        Path real;
        try {
            real = Path.of(source).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("\"" + field + "\": " + source + " does not exist on this node");
        }
        if (allowed.stream().noneMatch(real::startsWith)) {
            throw new IllegalArgumentException("\"" + field + "\": " + source
                    + (real.toString().equals(source) ? "" : " (" + real + ")") + " is outside the directories jobs may mount "
                    + (allowed.isEmpty() ? "(none are allowed on this node: allowed.mounts is empty)" : allowed.toString()));
        }
        return real;
    }
}
