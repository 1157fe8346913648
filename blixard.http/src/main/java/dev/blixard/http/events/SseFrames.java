package dev.blixard.http.events;

import java.nio.charset.StandardCharsets;

/**
 * The text of server-sent events (the WHATWG {@code text/event-stream} format): an event is {@code id:},
 * {@code event:} and {@code data:} lines ended by a blank line; a comment is a line starting with a colon,
 * which clients ignore (a heartbeat). A value spanning lines becomes several {@code data:} lines, so a
 * frame can never end early.
 */
final class SseFrames {

    private SseFrames() {
    }

    /** @return an event with an id, which a client sends back as {@code Last-Event-ID} when it reconnects */
    static byte[] event(long id, String event, String data) {
        return utf8("id: " + id + "\n" + body(event, data));
    }

    /** @return an event without an id: the client's resume point stays the last numbered event */
    static byte[] unnumbered(String event, String data) {
        return utf8(body(event, data));
    }

    /** @return a comment line, for example a heartbeat */
    static byte[] comment(String text) {
        return utf8(": " + oneLine(text) + "\n\n");
    }

    private static String body(String event, String data) {
        StringBuilder frame = new StringBuilder("event: ").append(oneLine(event)).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\r\n]", " ");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
