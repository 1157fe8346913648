package dev.blixard.integration.plugins;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A sales CSV the example plugin aggregates, with the sums a correct aggregation must produce. */
final class SalesData {
    private static final String[] REGIONS = {"north", "south", "east", "west"};

    private final Path file;
    private final Map<String, BigDecimal> amountByRegion;

    private SalesData(Path file, Map<String, BigDecimal> amountByRegion) {
        this.file = file;
        this.amountByRegion = amountByRegion;
    }

    /** Writes {@code rows} sales rows (region, product, amount in cents as a decimal, units) to {@code file}. */
    static SalesData write(Path file, int rows) throws IOException {
        Map<String, BigDecimal> sums = new TreeMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("region,product,amount,units\n");
            for (int i = 0; i < rows; i++) {
                String region = REGIONS[i % REGIONS.length];
                BigDecimal amount = BigDecimal.valueOf(100 + i % 997, 2);
                sums.merge(region, amount, BigDecimal::add);
                out.write(region + ",\"item, no. " + i + "\"," + amount.toPlainString() + "," + (1 + i % 5) + "\n");
            }
        }
        return new SalesData(file, sums);
    }

    Path file() {
        return file;
    }

    /** @return the summary's expected amount of {@code region} */
    BigDecimal amountOf(String region) {
        return amountByRegion.get(region);
    }

    /** @return the payload of a job that aggregates this file by region into {@code output} */
    Map<String, Object> aggregateInto(Path output) {
        return Map.of("dataset", file.toString(), "operation", "aggregate", "group_by", "region",
                "sum", java.util.List.of("amount", "units"), "output", output.toString());
    }
}
