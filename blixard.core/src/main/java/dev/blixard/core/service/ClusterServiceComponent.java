package dev.blixard.core.service;

import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import dev.blixard.store.Member;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.StoreStatus;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ClusterService} over the replicated store: the Raft group as this node's member sees it. */
@Component(service = ClusterService.class)
public final class ClusterServiceComponent implements ClusterService {
    private final ReplicatedDatabase database;

    @Activate
    public ClusterServiceComponent(@Reference ReplicatedDatabase database) {
        this.database = database;
    }

    @Override
    public ClusterStatus status() {
        StoreStatus status = database.status();
        List<ClusterMember> members = status.members().stream()
                .map((Member member) -> new ClusterMember(member.id(), member.address(), member.id().equals(status.leaderId())))
                .toList();
        return new ClusterStatus(status.nodeId(), status.role(), status.leaderId(), status.term(), status.commitIndex(),
                status.appliedIndex(), members);
    }
}
