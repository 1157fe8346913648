package dev.blixard.http.metrics;

import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions on scraped Prometheus text. */
final class Scrapes {

    private Scrapes() {
    }

    /** @return the sample lines (no comments) of {@code text} that start with {@code prefix} */
    static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Asserts that {@code text} has the sample line {@code line}. */
    static void assertLine(String text, String line) {
        assertTrue("expected the line\n" + line + "\nin\n" + text, Arrays.asList(text.split("\n")).contains(line));
    }
}
