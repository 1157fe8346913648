package dev.blixard.core.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import dev.blixard.core.queue.QueueFixture;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;

/** The cluster view of a one-member store. */
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
}
