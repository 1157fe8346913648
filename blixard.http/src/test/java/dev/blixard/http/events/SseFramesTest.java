package dev.blixard.http.events;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class SseFramesTest {

    @Test
    public void anEventIsIdEventAndDataLinesEndedByABlankLine() {
        assertEquals("id: 42\nevent: blixard/job/COMPLETED\ndata: {\"a\":1}\n\n",
                text(SseFrames.event(42, "blixard/job/COMPLETED", "{\"a\":1}")));
    }

    @Test
    public void dataOnSeveralLinesCannotEndTheFrameEarly() {
        assertEquals("event: x\ndata: one\ndata: two\ndata: three\n\n", text(SseFrames.unnumbered("x", "one\ntwo\r\nthree")));
        assertEquals("event: a b\ndata: \n\n", text(SseFrames.unnumbered("a\nb", "")));
    }

    @Test
    public void commentsStartWithAColon() {
        assertEquals(": keep-alive\n\n", text(SseFrames.comment("keep-alive")));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
