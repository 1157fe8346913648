package dev.blixard.launcher.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the client sends its requests and the token it sends. Each comes from the first of: the option, the
 * environment variable, the local node's data directory, the built-in default (the data directory comes before
 * the environment when {@code --data-dir} names it). Reading the data directory lets
 * {@code blixard jobs} work without options on the machine that runs the node.
 *
 * @param baseUrl     the node's base URL without a trailing slash, e.g. {@code http://127.0.0.1:7070}
 * @param token       the bearer token, if one was found
 * @param tokenHint   where the token came from (or why there is none), for the hint after a 401
 */
record Connection(URI baseUrl, Optional<String> token, String tokenHint) {

    static final String URL_VARIABLE = "BLIXARD_URL";
    static final String TOKEN_VARIABLE = "BLIXARD_TOKEN";
    /** Written by {@code blixard run} once its HTTP server answers (DataDirectory.httpUrlFile()). */
    static final String URL_FILE = "http.url";
    /** The node's admin token (DataDirectory.adminTokenFile()). */
    static final String TOKEN_FILE = "admin.token";

    static Connection resolve(ParsedArguments args, ClientEnvironment env) throws ClientException {
        // Options beat environment variables, which beat defaults; an explicit --data-dir is an option too.
        boolean explicitDir = args.has(ClientHelp.DATA_DIR);
        Path dataDir = args.value(ClientHelp.DATA_DIR).map(Path::of).orElse(env.defaultDataDir());
        Source fileUrl = new Source(readFirstLine(dataDir.resolve(URL_FILE)), dataDir.resolve(URL_FILE).toString());
        Source envUrl = new Source(nonBlank(env.variables().get(URL_VARIABLE)), "$" + URL_VARIABLE);
        String url = args.value(ClientHelp.URL)
                .or(() -> first(explicitDir, fileUrl, envUrl).value())
                .orElse("http://127.0.0.1:" + env.defaultPort());

        Path tokenFile = dataDir.resolve(TOKEN_FILE);
        Source token;
        if (args.has(ClientHelp.TOKEN)) {
            token = new Source(args.value(ClientHelp.TOKEN).flatMap(Connection::nonBlank), "--token");
            if (token.value().isEmpty()) {
                throw new ClientUsageException("--token: the token must not be empty");
            }
        } else {
            token = first(explicitDir, new Source(readFirstLine(tokenFile), tokenFile.toString()),
                    new Source(nonBlank(env.variables().get(TOKEN_VARIABLE)), "$" + TOKEN_VARIABLE));
        }
        String hint = token.value().isPresent() ? "token from " + token.origin()
                : "no token: pass --token or set $" + TOKEN_VARIABLE + "; there is no " + tokenFile;
        return new Connection(baseUrl(url), token.value(), hint);
    }

    /** A value that may be there, and where it would come from. */
    private record Source(Optional<String> value, String origin) {
    }

    /** The data directory's value first when the directory was named, else the environment's. */
    private static Source first(boolean explicitDir, Source fromDir, Source fromEnv) {
        Source preferred = explicitDir ? fromDir : fromEnv;
        return preferred.value().isPresent() ? preferred : explicitDir ? fromEnv : fromDir;
    }

    /** Accepts {@code host:port}, a trailing slash and a trailing {@code /api}: all mean the same node. */
    static URI baseUrl(String url) throws ClientUsageException {
        String normalized = url.trim();
        if (!normalized.contains("://")) {
            normalized = "http://" + normalized;
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.endsWith("/api")) {
            normalized = normalized.substring(0, normalized.length() - "/api".length());
        }
        try {
            URI uri = URI.create(normalized);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ClientUsageException("--url: '" + url + "' is not a node URL such as http://127.0.0.1:7070");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            return Files.isReadable(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().flatMap(Connection::nonBlank)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable counts as absent: the next source (or the server's 401) decides
        }
    }
}
