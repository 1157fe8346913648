package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InputTextTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final InputStream STDIN = new ByteArrayInputStream("{\"from\":\"stdin\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    public void readsTheArgumentAFileOrStdin() throws Exception {
        Path file = temp.newFile("payload.json").toPath();
        Files.writeString(file, "{\"from\":\"file\"}");
        assertEquals("{\"a\":1}", InputText.read(Optional.of("{\"a\":1}"), Optional.empty(), STDIN, "payload"));
        assertEquals("{\"from\":\"file\"}", InputText.read(Optional.empty(), Optional.of(file.toString()), STDIN, "payload"));
        assertEquals("{\"from\":\"stdin\"}", InputText.read(Optional.of("-"), Optional.empty(), STDIN, "payload"));
    }

    @Test
    public void fileDashIsStdin() throws Exception {
        InputStream in = new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[1]", InputText.read(Optional.empty(), Optional.of("-"), in, "batch"));
    }

    @Test
    public void noneOrBothAreUsageErrorsAndAMissingFileAFailure() {
        assertThrows(ClientUsageException.class, () -> InputText.read(Optional.empty(), Optional.empty(), STDIN, "payload"));
        assertThrows(ClientUsageException.class, () -> InputText.read(Optional.of("{}"), Optional.of("f"), STDIN, "payload"));
        ClientException missing = assertThrows(ClientException.class,
                () -> InputText.read(Optional.empty(), Optional.of("/no/such/file.json"), STDIN, "payload"));
        assertEquals(ExitCode.FAILURE, missing.exitCode());
        assertEquals("cannot read the payload: no file /no/such/file.json", missing.getMessage());
    }
}
