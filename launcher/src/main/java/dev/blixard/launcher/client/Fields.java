package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;

/** Labelled values one per line with the values aligned, for the detail of one job, node or token. */
final class Fields {

    private final List<String[]> lines = new ArrayList<>();

    Fields add(String label, String value) {
        lines.add(new String[] {label, value == null ? "-" : value.replaceAll("[\\r\\n]+", " ")});
        return this;
    }

    String render() {
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            text.append(line[0]).append(" ".repeat(width - line[0].length())).append(line[1]).append('\n');
        }
        return text.toString();
    }
}
