package dev.blixard.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the REST API: its status and body as the server sent them. The raw body is what
 * {@code --json} prints, so scripts see the server's document unchanged.
 */
record ApiResponse(int status, String body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON tree; a missing node for an empty body. */
    JsonNode json() throws ClientException {
        return Json.parse(body, "the answer of the node");
    }
}
