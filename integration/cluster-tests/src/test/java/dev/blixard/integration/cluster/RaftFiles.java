package dev.blixard.integration.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a node's Raft log on disk shows: {@code DATA/store/raft/<group>/current/log_<first>-<last>} segments. */
final class RaftFiles {
    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    private RaftFiles() {
    }

    /** @return the first index the node's log still holds; what comes before it is only in snapshots */
    static long firstLogIndex(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir.resolve("store").resolve("raft"), 3)) {
            return files.map(file -> SEGMENT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(segment -> Long.parseLong(segment.group(1)))
                    .min()
                    .orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
