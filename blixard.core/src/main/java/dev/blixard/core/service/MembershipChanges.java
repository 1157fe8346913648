package dev.blixard.core.service;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.UnavailableException;
import dev.blixard.store.Member;
import dev.blixard.store.ReplicatedDatabase;
import dev.blixard.store.StoreStatus;
import dev.blixard.store.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes members of the store's Raft group, with the API's errors: requests that cannot succeed
 * are refused before anything is proposed (a malformed member, a duplicate id, an unknown id, the last
 * member), and a change that finds no leader is {@link UnavailableException}.
 */
final class MembershipChanges {
    /** A change replicates the new configuration to the group, and a new member must be reachable first. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(MembershipChanges.class);

    private final ReplicatedDatabase database;
    private final Duration timeout;

    MembershipChanges(ReplicatedDatabase database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    StoreStatus add(String id, String address) {
        Member member = member(id, address);
        StoreStatus before = withLeader();
        if (before.members().stream().anyMatch(existing -> existing.id().equals(member.id()))) {
            throw new ConflictException("node '" + member.id() + "' is already a member");
        }
        LOG.info("Node {}: adding member {} to the group", before.nodeId(), member);
        return await(database.addMember(member), "adding " + member);
    }

    StoreStatus remove(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException("id", "is required");
        }
        StoreStatus before = withLeader();
        if (before.members().stream().noneMatch(existing -> existing.id().equals(id))) {
            throw new NotFoundException("member", id);
        }
        if (before.members().size() == 1) {
            throw new ConflictException("node '" + id + "' is the last member and cannot be removed");
        }
        LOG.info("Node {}: removing member {} from the group", before.nodeId(), id);
        return await(database.removeMember(id), "removing " + id);
    }

    private static Member member(String id, String address) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException("id", "is required");
        }
        if (address == null || address.isBlank()) {
            throw new InvalidRequestException("address", "is required: host:port of the member's Raft endpoint");
        }
        try {
            return new Member(id, address);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage().contains("node id") ? "id" : "address", e.getMessage());
        }
    }

    private StoreStatus withLeader() {
        StoreStatus status = database.status();
        if (status.leaderId() == null) {
            throw new UnavailableException("the group has no leader now; try again after the election");
        }
        return status;
    }

    private StoreStatus await(CompletionStage<StoreStatus> change, String what) {
        try {
            return change.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while " + what);
        } catch (TimeoutException e) {
            throw new UnavailableException(what + " was not committed within " + timeout.toSeconds()
                    + " s; check the new member runs and is reachable, then look at GET /api/cluster");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                // The group changed between our check and the change (another admin was quicker).
                throw new ConflictException(cause.getMessage());
            }
            if (cause instanceof StoreUnavailableException) {
                throw new UnavailableException(what + " failed: " + cause.getMessage(), cause);
            }
            throw new IllegalStateException(what + " failed", cause);
        }
    }
}
