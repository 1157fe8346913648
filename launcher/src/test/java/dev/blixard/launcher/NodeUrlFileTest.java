package dev.blixard.launcher;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class NodeUrlFileTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void writesAndReplacesTheUrlWithNothingLeftBehind() throws Exception {
        Path file = temp.getRoot().toPath().resolve("http.url");
        NodeLog log = new NodeLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        NodeUrlFile.write(file, "http://127.0.0.1:7070", log);
        NodeUrlFile.write(file, "http://127.0.0.1:8080", log);
        assertEquals("http://127.0.0.1:8080\n", Files.readString(file));
        try (var files = Files.list(temp.getRoot().toPath())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    public void aWildcardBindIsReachedOnLoopback() {
        assertEquals("http://127.0.0.1:7070", new HttpEndpoint("0.0.0.0", 7070).localUrl());
        assertEquals("http://127.0.0.1:7071", new HttpEndpoint("127.0.0.1", 7071).localUrl());
    }
}
