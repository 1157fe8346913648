package dev.blixard.integration.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.testing.BlixardNode;
import dev.blixard.testing.NodeApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Felix Web Console's Bundles tab, driven by the HTTP requests its page sends (templates/bundles.html and
 * res/ui/bundles.js of webconsole 5.0.18): the upload dialog's multipart form ({@code action=install},
 * {@code bundlestart}, {@code bundlestartlevel}, {@code bundlefile}), the update dialog's form (the same with
 * {@code uploadid}, the bundle's id), and the row buttons' {@code POST /bundles/ID} with {@code action=stop},
 * {@code start} or {@code uninstall}. Authenticated as the node's admin (HTTP Basic).
 */
final class WebConsole {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * The start level the upload dialog proposes: the framework's level for new bundles, which a node sets to its
     * runtime level (4, {@code felix.startlevel.bundle}), the level its own plugins and FileInstall's bundles run at.
     */
    private static final String START_LEVEL = "4";

    private final String bundlesUrl;
    private final String authorization;

    WebConsole(BlixardNode node) {
        this.bundlesUrl = node.url("/system/console/bundles");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                node.consoleCredentials().getBytes(StandardCharsets.UTF_8));
    }

    /** Install through the upload dialog, with "Start Bundle" ticked. */
    void install(Path jar) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", "install");
        fields.put("bundlestart", "start");
        fields.put("bundlestartlevel", START_LEVEL);
        expectRedirectOrOk(post(bundlesUrl, fields, jar), "install " + jar.getFileName());
    }

    /** Update an installed bundle from a file, through the update dialog. */
    void update(long bundleId, Path jar) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bundlestartlevel", START_LEVEL);
        fields.put("action", "install");
        fields.put("uploadid", Long.toString(bundleId));
        expectRedirectOrOk(post(bundlesUrl, fields, jar), "update bundle " + bundleId);
    }

    /** A row button: {@code stop}, {@code start} or {@code uninstall}. */
    void act(long bundleId, String action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bundlesUrl + "/" + bundleId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=" + action)).build();
        expectRedirectOrOk(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), action + " bundle " + bundleId);
    }

    /** @return the console's entry of the bundle (id, symbolicName, version, state), if installed */
    Optional<JsonNode> bundle(String symbolicName) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bundlesUrl + ".json")).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET bundles.json answered " + response.statusCode() + ": " + response.body());
        }
        for (JsonNode bundle : NodeApi.read(response.body()).path("data")) {
            if (symbolicName.equals(bundle.path("symbolicName").asText())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private HttpResponse<String> post(String url, Map<String, String> fields, Path file)
            throws IOException, InterruptedException {
        String boundary = "----blixard" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The console answers a form post with a redirect back to the list, or 200 with JSON for a row button. */
    private static void expectRedirectOrOk(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status != 200 && status != 302 && status != 303) {
            throw new AssertionError("the console refused to " + what + ": " + status + " " + response.body());
        }
    }
}
