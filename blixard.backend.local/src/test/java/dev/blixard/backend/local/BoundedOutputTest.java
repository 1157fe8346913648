package dev.blixard.backend.local;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class BoundedOutputTest {

    @Test
    public void outputWithinTheCapIsKeptWhole() {
        BoundedOutput output = new BoundedOutput(10);
        write(output, "hello");
        write(output, "world");
        assertEquals("helloworld", output.text());
        assertFalse(output.truncated());
        assertEquals(10, output.totalBytes());
    }

    @Test
    public void beyondTheCapTheStartAndTheEndAreKeptWithAMarker() {
        BoundedOutput output = new BoundedOutput(8);
        for (char c = 'a'; c <= 'z'; c++) {
            write(output, String.valueOf(c));
        }
        assertTrue(output.truncated());
        assertEquals("abcd\n[... 18 bytes left out by the output cap ...]\nwxyz", output.text());
        assertEquals(26, output.totalBytes());
    }

    @Test
    public void aLargeWriteWrapsTheRing() {
        BoundedOutput output = new BoundedOutput(6);
        byte[] bytes = "0123456789".getBytes(StandardCharsets.UTF_8);
        output.write(bytes, 2, 8); // "23456789"
        write(output, "XY");
        assertEquals("234\n[... 4 bytes left out by the output cap ...]\n9XY", output.text());
    }

    @Test
    public void manySmallWritesGrowTheBuffersUpToTheCapAndNoFurther() {
        BoundedOutput output = new BoundedOutput(10_000);
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            String line = i + "\n";
            written.append(line);
            write(output, line);
        }
        String all = written.toString();
        String text = output.text();
        assertTrue(output.truncated());
        assertTrue(text.startsWith(all.substring(0, 5_000)));
        assertTrue(text.endsWith(all.substring(all.length() - 5_000)));
        assertTrue(text, text.contains("[... " + (all.length() - 10_000) + " bytes left out"));
    }

    private static void write(BoundedOutput output, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.write(bytes, 0, bytes.length);
    }
}
