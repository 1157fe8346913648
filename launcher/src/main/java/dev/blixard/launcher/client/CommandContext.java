package dev.blixard.launcher.client;

import java.io.InputStream;
import java.io.PrintStream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a command works with once its arguments are parsed.
 *
 * @param api  the node's REST API
 * @param in   standard input
 * @param out  where results go
 * @param json whether to print the server's JSON unchanged instead of tables
 */
record CommandContext(ApiClient api, InputStream in, PrintStream out, boolean json) {

    /** Turns the server's document into the text a person reads. */
    @FunctionalInterface
    interface Renderer {
        String render(JsonNode document);
    }

    /** Prints the answer: unchanged with {@code --json}, else as {@code renderer} writes it. */
    void show(ApiResponse response, Renderer renderer) throws ClientException {
        if (json) {
            printRaw(response);
        } else {
            out.print(renderer.render(response.json()));
        }
    }

    /** Prints the server's document as it came, as one document on stdout ({@code --json}). */
    void printRaw(ApiResponse response) {
        String body = response.body() == null ? "" : response.body().strip();
        if (!body.isEmpty()) {
            out.println(body);
        }
    }
}
