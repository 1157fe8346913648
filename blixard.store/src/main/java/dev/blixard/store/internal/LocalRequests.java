package dev.blixard.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * The requests a member hands straight to its own Raft server (a leader's writes, read-index rounds), under
 * one client id of their own.
 *
 * <p>Each request names the calls whose replies arrived since the previous one, and the server drops their
 * retry-cache entries: Ratis's own clients do the same. Nothing ever retries a local call (a refused one goes
 * through the write client, under that client's id), so an answered entry is dead weight; left alone, Ratis
 * keeps each for its expiry time (60 s). At 2,000 writes a second that was about 100,000 replies held in the
 * old generation, which every young collection had to scan.
 */
final class LocalRequests {
    /** Bounds one request's list; what is left goes with the next request. */
    private static final int MAX_REPLIED_PER_REQUEST = 1_024;

    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong calls = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> replied = new ConcurrentLinkedQueue<>();
    private final RaftPeerId server;
    private final RaftGroupId group;

    LocalRequests(RaftPeerId server, RaftGroupId group) {
        this.server = server;
        this.group = group;
    }

    /** @return a new write request carrying {@code message} */
    RaftClientRequest write(Message message) {
        return request(message, RaftClientRequest.writeRequestType());
    }

    /** @return a new read-index request (an empty read the server answers once it has applied the commit index) */
    RaftClientRequest readIndex() {
        return request(Message.EMPTY, RaftClientRequest.readRequestType());
    }

    /** Notes that the server answered {@code request}, however it went; its retry-cache entry may go. */
    void replied(RaftClientRequest request) {
        replied.add(request.getCallId());
    }

    private RaftClientRequest request(Message message, RaftClientRequest.Type type) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server)
                .setGroupId(group)
                .setCallId(calls.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .setRepliedCallIds(takeReplied())
                .build();
    }

    private List<Long> takeReplied() {
        List<Long> ids = new ArrayList<>();
        for (Long id; ids.size() < MAX_REPLIED_PER_REQUEST && (id = replied.poll()) != null; ) {
            ids.add(id);
        }
        return ids;
    }
}
