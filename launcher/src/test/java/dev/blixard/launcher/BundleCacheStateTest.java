package dev.blixard.launcher;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BundleCacheStateTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theCacheIsReusedOnlyForTheRecordedBundles() throws Exception {
        Path digestFile = temp.getRoot().toPath().resolve("cache.digest");
        BundleCacheState state = new BundleCacheState(digestFile);

        assertTrue("unknown origin", state.isStale("abc"));
        state.record("abc");
        assertFalse(state.isStale("abc"));
        assertTrue("other bundles", state.isStale("def"));
        state.invalidate();
        assertTrue(state.isStale("abc"));
    }
}
