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

/**
 * {@link ClusterService} over the replicated store: the Raft group as this node's member sees it, and
 * membership changes (see {@link MembershipChanges}).
 */
@Component(service = ClusterService.class)
public final class ClusterServiceComponent implements ClusterService {
    private final ReplicatedDatabase database;
    private final MembershipChanges changes;

    @Activate
    public ClusterServiceComponent(@Reference ReplicatedDatabase database) {
        this.database = database;
        this.changes = new MembershipChanges(database, MembershipChanges.DEFAULT_TIMEOUT);
    }

    @Override
    public ClusterStatus status() {
        return view(database.status());
    }

    @Override
    public ClusterStatus addMember(String id, String address) {
        return view(changes.add(id, address));
    }

    @Override
    public ClusterStatus removeMember(String id) {
        return view(changes.remove(id));
    }

    private static ClusterStatus view(StoreStatus status) {
        List<ClusterMember> members = status.members().stream()
                .map((Member member) -> new ClusterMember(member.id(), member.address(), member.id().equals(status.leaderId())))
                .toList();
        return new ClusterStatus(status.nodeId(), status.role(), status.leaderId(), status.term(), status.commitIndex(),
                status.appliedIndex(), members);
    }
}
