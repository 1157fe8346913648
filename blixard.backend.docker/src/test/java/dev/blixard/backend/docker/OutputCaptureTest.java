package dev.blixard.backend.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** The bounded capture of one output stream: within the cap it is exact; beyond it, head and tail with a marker. */
public class OutputCaptureTest {

    @Test
    public void outputWithinTheCapIsKeptWhole() {
        OutputCapture capture = new OutputCapture(10);
        capture.append(bytes("hello"));
        capture.append(bytes("world"));
        assertEquals("helloworld", capture.text());
        assertFalse(capture.truncated());
    }

    @Test
    public void beyondTheCapTheFirstAndLastHalvesAreKept() {
        OutputCapture capture = new OutputCapture(10);
        capture.append(bytes("abc"));
        capture.append(bytes("defghij"));
        for (int i = 0; i < 100; i++) {
            capture.append(bytes("-"));
        }
        capture.append(bytes("vwx"));
        capture.append(bytes("yz"));
        assertTrue(capture.truncated());
        assertEquals("abcde\n[... 105 bytes left out by the output cap ...]\nvwxyz", capture.text());
    }

    @Test
    public void aFrameLargerThanTheCapKeepsItsEnd() {
        OutputCapture capture = new OutputCapture(6);
        capture.append(bytes("0123456789"));
        assertEquals("012\n[... 4 bytes left out by the output cap ...]\n789", capture.text());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
