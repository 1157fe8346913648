package dev.blixard.launcher;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

@SuppressWarnings("try") // locks are held for their scope
public class DataDirectoryLockTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aSecondLockOnTheSameDirectoryIsRefusedWithTheHoldersPid() throws Exception {
        Path dir = temp.getRoot().toPath();
        Path lockFile = dir.resolve(".lock");
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dir, lockFile)) {
            long pid = ProcessHandle.current().pid();
            assertEquals(pid + "\n", Files.readString(lockFile, StandardCharsets.US_ASCII));
            try (DataDirectoryLock second = DataDirectoryLock.acquire(dir, lockFile)) {
                fail("a second lock was granted");
            } catch (StartupException e) {
                assertEquals("data dir " + dir + " is in use by another blixard node (pid " + pid + ")", e.getMessage());
            }
        }
    }

    @Test
    public void theLockCanBeTakenAgainOnceReleased() throws Exception {
        Path dir = temp.getRoot().toPath();
        DataDirectoryLock.acquire(dir, dir.resolve(".lock")).close();
        DataDirectoryLock.acquire(dir, dir.resolve(".lock")).close();
    }

    @Test
    public void aLockFileThatCannotBeOpenedIsReported() throws Exception {
        Path dir = temp.getRoot().toPath();
        Path notAFile = Files.createDirectory(dir.resolve(".lock"));
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir, notAFile)) {
            fail("locked a directory");
        } catch (StartupException e) {
            assertThat(e.getMessage(), containsString(notAFile.toString()));
        }
    }
}
