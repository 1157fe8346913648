package dev.blixard.launcher.client;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a client command may use from its surroundings, passed in so that tests run commands in-process.
 *
 * @param in             standard input (payloads given as {@code -})
 * @param out            results
 * @param err            the one-line failure messages
 * @param variables      the environment variables ({@code BLIXARD_URL}, {@code BLIXARD_TOKEN})
 * @param defaultDataDir the data directory {@code blixard run} uses when none is given
 * @param defaultPort    the HTTP port {@code blixard run} uses when none is given
 */
public record ClientEnvironment(InputStream in, PrintStream out, PrintStream err, Map<String, String> variables,
        Path defaultDataDir, int defaultPort) {
}
