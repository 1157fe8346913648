package dev.blixard.core.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import dev.blixard.core.queue.QueueFixture;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;

/** The cluster view of a one-member store, and the membership changes it refuses. */
public class ClusterServiceTest {
    @Rule
    public final QueueFixture fixture = new QueueFixture();

    @Test
    public void aNodeAloneLeadsItsGroupOfOne() {
        ClusterStatus status = new ClusterServiceComponent(fixture.queue().context().database().store()).status();

        assertEquals("n1", status.nodeId());
        assertEquals("LEADER", status.role());
        assertEquals(Optional.of("n1"), status.leader());
        assertTrue(status.term() >= 1);
        assertTrue("the queue's schema was written", status.commitIndex() >= 1);
        assertTrue(status.appliedIndex() >= 1 && status.appliedIndex() <= status.commitIndex());
        assertEquals(1, status.members().size());
        ClusterMember self = status.members().get(0);
        assertEquals("n1", self.id());
        assertTrue(self.address(), self.address().matches(".+:\\d+"));
        assertTrue(self.leader());
    }

    @Test
    public void changesThatCannotSucceedAreRefusedBeforeAnythingIsProposed() {
        ClusterServiceComponent cluster = new ClusterServiceComponent(fixture.queue().context().database().store());
        long before = cluster.status().commitIndex();

        assertRefused(InvalidRequestException.class, "address", () -> cluster.addMember("n2", "no-port"));
        assertRefused(InvalidRequestException.class, "id", () -> cluster.addMember("bad id!", "127.0.0.1:9"));
        assertRefused(ConflictException.class, "already a member", () -> cluster.addMember("n1", "127.0.0.1:9"));
        assertRefused(NotFoundException.class, "n9", () -> cluster.removeMember("n9"));
        assertRefused(ConflictException.class, "last member", () -> cluster.removeMember("n1"));
        assertEquals(1, cluster.status().members().size());
        assertEquals(before, cluster.status().commitIndex());
    }

    private static void assertRefused(Class<? extends RuntimeException> expected, String mentioned, Runnable change) {
        try {
            change.run();
            fail("changed the group; expected " + expected.getSimpleName());
        } catch (RuntimeException e) {
            assertEquals(expected, e.getClass());
            String text = e instanceof InvalidRequestException ? ((InvalidRequestException) e).violations().toString()
                    : e.getMessage();
            assertTrue(text, text.contains(mentioned));
        }
    }
}
