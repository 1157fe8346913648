package dev.blixard.dashboard.web;

import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dashboard's files as the bundle ships them under {@code dashboard/}: maps a request path to one of them,
 * refusing anything that could step outside that folder, and names its media type.
 */
final class StaticAssets {

    static final String ROOT = "dashboard";
    static final String INDEX = "index.html";

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "webmanifest", "application/manifest+json");

    private final Function<String, URL> entries;

    /** @param entries finds an entry of the bundle by its path ({@code dashboard/...}), or null */
    StaticAssets(Function<String, URL> entries) {
        this.entries = entries;
    }

    /**
     * The asset for a request path ({@code /} and {@code /index.html} are the page itself); empty for paths that
     * name no shipped file, a folder, or try to leave the dashboard's folder.
     */
    Optional<Asset> find(String requestPath) {
        String relative = requestPath == null || requestPath.isEmpty() || requestPath.equals("/")
                ? INDEX : requestPath.substring(requestPath.startsWith("/") ? 1 : 0);
        if (!safe(relative) || mediaType(relative) == null) {
            return Optional.empty();
        }
        URL url = entries.apply(ROOT + "/" + relative);
        return url == null ? Optional.empty() : Optional.of(new Asset(relative, url, mediaType(relative)));
    }

    /** Plain relative paths only: no empty, dot or dot-dot segments, no backslashes or encoded characters. */
    private static boolean safe(String relative) {
        if (relative.isEmpty() || relative.endsWith("/") || relative.contains("\\") || relative.contains("%")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static String mediaType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : MEDIA_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One shipped file. */
    record Asset(String path, URL url, String mediaType) {
    }
}
