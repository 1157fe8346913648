package dev.blixard.examples.csv;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The processor's configuration, checked and typed.
 *
 * @param baseDirectory when present, datasets and outputs must lie under it (absolute, normalised)
 * @param maxGroups the most groups one summary may have; bounds the memory of a run
 * @param maxRecordChars the longest CSV record read; longer ones are skipped as malformed
 */
record CsvSettings(Optional<Path> baseDirectory, int maxGroups, int maxRecordChars) {

    CsvSettings {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (baseDirectory.isPresent() && !baseDirectory.get().isAbsolute()) {
            throw new IllegalArgumentException("base.directory must be an absolute path, was " + baseDirectory.get());
        }
        baseDirectory = baseDirectory.map(Path::normalize);
        if (maxGroups < 1 || maxRecordChars < 1) {
            throw new IllegalArgumentException("max.groups and max.record.chars must be positive, were " + maxGroups
                    + " and " + maxRecordChars);
        }
    }

    /** @return the settings {@code config} describes; a blank base directory means none */
    static CsvSettings of(CsvProcessorConfig config) {
        String base = config.base_directory() == null ? "" : config.base_directory().trim();
        return new CsvSettings(base.isEmpty() ? Optional.empty() : Optional.of(Path.of(base)), config.max_groups(),
                config.max_record_chars());
    }
}
