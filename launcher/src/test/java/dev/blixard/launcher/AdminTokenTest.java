package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AdminTokenTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final SecureRandom random = new SecureRandom();

    @Test
    public void firstStartCreatesAnOwnerOnlyFileWith32RandomBytes() throws Exception {
        Path file = temp.getRoot().toPath().resolve("admin.token");
        AdminToken token = AdminToken.loadOrCreate(file, random);

        assertTrue(token.created());
        assertEquals(file, token.file());
        assertEquals(AdminToken.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertEquals(token.value() + "\n", Files.readString(file, StandardCharsets.US_ASCII));
        assertEquals(32, Base64.getUrlDecoder().decode(token.value()).length);
        assertTrue("URL-safe, unpadded", token.value().matches("[A-Za-z0-9_-]{43}"));
        try (var leftovers = Files.list(temp.getRoot().toPath())) {
            assertArrayEquals("no temporary file is left behind", new Object[] {file}, leftovers.toArray());
        }
        assertFalse("the secret stays out of logs", token.toString().contains(token.value()));
    }

    @Test
    public void laterStartsReuseTheToken() throws Exception {
        Path file = temp.getRoot().toPath().resolve("admin.token");
        AdminToken first = AdminToken.loadOrCreate(file, random);
        AdminToken second = AdminToken.loadOrCreate(file, random);

        assertFalse(second.created());
        assertEquals(first.value(), second.value());
    }

    @Test
    public void eachDataDirectoryGetsItsOwnToken() throws Exception {
        AdminToken a = AdminToken.loadOrCreate(temp.newFolder().toPath().resolve("admin.token"), random);
        AdminToken b = AdminToken.loadOrCreate(temp.newFolder().toPath().resolve("admin.token"), random);
        assertNotEquals(a.value(), b.value());
    }

    @Test
    public void aWidenedFileIsMadeOwnerOnlyAgain() throws Exception {
        Path file = temp.getRoot().toPath().resolve("admin.token");
        AdminToken.loadOrCreate(file, random);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AdminToken.loadOrCreate(file, random);
        assertEquals(AdminToken.OWNER_ONLY, Files.getPosixFilePermissions(file));
    }

    @Test
    public void aFileWithoutATokenIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("admin.token");
        Files.writeString(file, "\n");
        try {
            AdminToken.loadOrCreate(file, random);
            fail("accepted an empty token");
        } catch (StartupException e) {
            assertThat(e.getMessage(), containsString("does not hold a token"));
        }
    }
}
