package dev.blixard.http.fakes;

import dev.blixard.api.ConflictException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.service.ClusterService;
import dev.blixard.api.service.ClusterStatus;
import dev.blixard.api.service.ClusterStatus.ClusterMember;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster held in memory: a fixed node view whose members change as core's would (duplicates and the
 * last member refused as conflicts, unknown ids not found). Ids and addresses are not validated here.
 */
public final class FakeClusterService implements ClusterService {
    private ClusterStatus status;

    public FakeClusterService(ClusterStatus status) {
        this.status = status;
    }

    @Override
    public synchronized ClusterStatus status() {
        return status;
    }

    @Override
    public synchronized ClusterStatus addMember(String id, String address) {
        if (status.members().stream().anyMatch(member -> member.id().equals(id))) {
            throw new ConflictException("node '" + id + "' is already a member");
        }
        List<ClusterMember> members = new ArrayList<>(status.members());
        members.add(new ClusterMember(id, address, false));
        return replace(members);
    }

    @Override
    public synchronized ClusterStatus removeMember(String id) {
        if (status.members().stream().noneMatch(member -> member.id().equals(id))) {
            throw new NotFoundException("member", id);
        }
        if (status.members().size() == 1) {
            throw new ConflictException("node '" + id + "' is the last member and cannot be removed");
        }
        List<ClusterMember> members = new ArrayList<>(status.members());
        members.removeIf(member -> member.id().equals(id));
        return replace(members);
    }

    private ClusterStatus replace(List<ClusterMember> members) {
        status = new ClusterStatus(status.nodeId(), status.role(), status.leaderId(), status.term(),
                status.commitIndex(), status.appliedIndex(), members);
        return status;
    }
}
