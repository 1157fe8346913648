package dev.blixard.launcher.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table with left-aligned columns two spaces apart and no trailing blanks, so it reads in a terminal
 * and still splits with {@code awk}. Cells are single-line; a newline in a value becomes a space.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        }
        String[] clean = new String[columns];
        for (int i = 0; i < columns; i++) {
            clean[i] = cells[i] == null ? "-" : cells[i].replaceAll("[\\r\\n\\t]+", " ");
        }
        rows.add(clean);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** The table, or {@code emptyText} when it has no rows ("No jobs."). */
    String renderOr(String emptyText) {
        return isEmpty() ? emptyText + "\n" : render();
    }
}
