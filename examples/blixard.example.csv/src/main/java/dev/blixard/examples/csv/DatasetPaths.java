package dev.blixard.examples.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads paths for placement, where speed matters more than diagnostics: the top-level {@code dataset} of a
 * payload, found with a streaming parser that stops as soon as it has it, and the directories of a
 * worker's {@value DataLocalityAllocator#DATA_DIR_LABEL} label. Anything unusable reads as "no path".
 * Thread-safe.
 */
final class DatasetPaths {
    private final JsonFactory json = new JsonFactory();

    /** @return the payload's dataset as an absolute, normalised path, if it has a usable one */
    Optional<Path> datasetOf(String payload) {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (CsvRequestParser.DATASET.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? absolute(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the absolute directories of a comma-separated label value; others are ignored */
    static List<Path> directoriesOf(String label) {
        List<Path> directories = new ArrayList<>();
        if (label != null) {
            for (String part : label.split(",")) {
                absolute(part.trim()).ifPresent(directories::add);
            }
        }
        return directories;
    }

    /**
     * @return whether {@code path} has a {@code ..} segment; such paths are refused rather than resolved,
     *         because a path that climbs out of a directory is not under it, whatever its text begins with
     */
    static boolean climbs(Path path) {
        for (Path element : path) {
            if ("..".equals(element.toString())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> absolute(String text) {
        try {
            Path path = Path.of(text);
            return path.isAbsolute() && !climbs(path) ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
