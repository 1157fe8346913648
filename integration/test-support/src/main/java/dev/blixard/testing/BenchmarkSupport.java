package dev.blixard.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** What the backends' benchmark programs share: their {@code --name value} options and their percentiles. */
public final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    /**
     * @return the {@code --name value} pairs of a benchmark's arguments, by name without the dashes
     * @throws IllegalArgumentException for an argument that is not such a pair
     */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** @return the nearest-rank percentile ({@code percent} from 0 to 100) of the values, which are not changed */
    public static double percentile(double[] values, double percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
