package dev.blixard.store.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writer threads that insert unique keys into the {@code kv} table through the living members of a
 * {@link LocalCluster}, one write at a time each, and remember what became of every key: acknowledged,
 * uncertain (the member died, or the store answered "unavailable": it may or may not be applied) or
 * refused outright. A key is never written twice, so a key found twice in a table was applied twice.
 *
 * <p>Writer {@code w} prefers member {@code w % size} and moves to the next living member when that one
 * dies, so the writes of a group arrive through every member, as a cluster's clients would send them.
 */
public final class KeyWriters {
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);

    private final LocalCluster cluster;
    private final int writers;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();

    /** When a write was sent and when its acknowledgement came, in {@link System#nanoTime()} terms. */
    public record Ack(String key, long sentNanos, long ackedNanos) {
    }

    public KeyWriters(LocalCluster cluster, int writers) {
        this.cluster = cluster;
        this.writers = writers;
    }

    public KeyWriters start() {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(writer), "key-writer-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Stops the writers and waits for each to finish its last write. */
    public void stop(Duration deadline) throws InterruptedException {
        stop.countDown();
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not finish its last write within " + deadline.toMillis() + " ms");
            }
        }
    }

    /** Waits until {@code count} writes in all have been acknowledged. */
    public void awaitAcknowledged(int count, Duration deadline) {
        cluster.await(count + " acknowledged writes (now " + acknowledged.size() + ")", deadline,
                () -> acknowledged.size() >= count);
    }

    public Set<String> attempted() {
        return Set.copyOf(attempted);
    }

    /** Keys acknowledged, with the log index each was applied at. */
    public Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    public Set<String> uncertain() {
        return Set.copyOf(uncertain);
    }

    /** Keys the store refused with a definite error (a failed statement): none are expected. */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    private void write(int writer) {
        long written = 0;
        while (stop.getCount() > 0) {
            NodeProcess node = livingMember(writer);
            if (node == null) {
                // Every member is down (a one-node group being restarted): wait for one, or for the stop.
                awaitStop(Duration.ofMillis(20));
                continue;
            }
            String key = "w" + writer + "-" + written++;
            attempted.add(key);
            long sent = System.nanoTime();
            try {
                String index = node.request("insert " + key).get(WRITE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.put(key, Long.parseLong(index));
                acks.add(new Ack(key, sent, System.nanoTime()));
            } catch (ExecutionException e) {
                classify(key, e.getCause());
            } catch (TimeoutException e) {
                uncertain.add(key);
            } catch (InterruptedException e) {
                uncertain.add(key);
                return;
            }
        }
    }

    /** Sorts a failed write: whether it was applied is unknown, unless the store refused it outright. */
    private void classify(String key, Throwable failure) {
        if (failure instanceof NodeProcess.NodeRequestException request && request.type().equals("StatementFailedException")) {
            refused.put(key, failure.getMessage());
        } else {
            // The member died, or the store was unavailable (no leader yet), or the entry was applied before
            // a restart and its result lost: the write may be applied or not.
            uncertain.add(key);
        }
    }

    private NodeProcess livingMember(int writer) {
        for (int i = 0; i < cluster.size(); i++) {
            int index = (writer + i) % cluster.size();
            if (cluster.isAlive(index)) {
                return cluster.node(index);
            }
        }
        return null;
    }

    private void awaitStop(Duration wait) {
        try {
            stop.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
