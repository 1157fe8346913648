package dev.blixard.backend.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** The guest protocol's host side: the job's script, its archive, and markers only this job's nonce makes. */
public class GuestJobTest {

    @Test
    public void theScriptQuotesEveryWordForTheGuestsShell() {
        assertEquals("export A='it'\\''s'\nexec '/bin/sh' '-c' 'echo \"$A\"; exit 3'\n",
                GuestJob.script(List.of("/bin/sh", "-c", "echo \"$A\"; exit 3"), Map.of("A", "it's")));
    }

    @Test
    public void onlyMarkersWithTheJobsNonceCount() {
        GuestJob job = GuestJob.of(List.of("true"), Map.of(), true);
        assertEquals(32, job.nonce().length());
        assertEquals(Optional.of(new GuestJob.Started()), job.marker("BLIXARD " + job.nonce() + " started\r"));
        assertEquals(Optional.of(new GuestJob.Exited(42)), job.marker("[ 2.1] BLIXARD " + job.nonce() + " exit 42"));
        assertEquals(Optional.empty(), job.marker("BLIXARD 0123456789abcdef0123456789abcdef exit 0"));
        assertEquals(Optional.empty(), job.marker("BLIXARD  exit 0"));
    }

    @Test
    public void theArchiveIsNewcWithTheJobsFilesAndATrailer() {
        GuestJob job = GuestJob.of(List.of("true"), Map.of(), true);
        String archive = new String(job.archive(), StandardCharsets.ISO_8859_1);
        assertTrue(archive.startsWith("070701"));
        assertTrue(archive.contains("blixard/nonce\0"));
        assertTrue(archive.contains(job.nonce() + "\n"));
        assertTrue(archive.contains("blixard/run\0"));
        assertTrue(archive.contains("blixard/ports\0"));
        assertTrue(archive.contains("TRAILER!!!\0"));
        assertEquals(0, job.archive().length % 4);
    }
}
