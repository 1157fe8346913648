package dev.blixard.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one kind of request against a node over loopback and measures it: closed loops (a fixed number
 * of requests in flight, each sent when the one before it answered) for throughput, or an open loop at a
 * fixed rate for latency. Open-loop latency is measured from when a request was due, not when it went out,
 * so a stalled server shows up in the figures instead of slowing the load down (coordinated omission).
 */
final class HttpLoad {
    private final HttpClient client;
    private final URI base;
    private final String token;

    HttpLoad(URI base, String token) {
        this.base = base;
        this.token = token;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** What one run measured; latencies in microseconds. */
    record Result(long requests, long failures, double seconds, Histogram latencies) {
        double perSecond() {
            return requests / seconds;
        }
    }

    HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Keeps {@code inFlight} requests going for {@code duration}; a request counts when it answers {@code expected}. */
    Result closedLoop(Supplier<HttpRequest> requests, int expected, int inFlight, Duration duration)
            throws InterruptedException {
        Recorder latencies = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            next(requests, expected, end, latencies, done, failed, finished);
        }
        finished.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new Result(done.get(), failed.get(), (System.nanoTime() - start) / 1e9, latencies.getIntervalHistogram());
    }

    private void next(Supplier<HttpRequest> requests, int expected, long end, Recorder latencies, AtomicLong done,
            AtomicLong failed, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(requests.get()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == expected) {
                latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            next(requests, expected, end, latencies, done, failed, finished);
        });
    }

    /** Sends at {@code perSecond} for {@code duration}, whatever the answers do; latency counted from each due time. */
    Result openLoop(Supplier<HttpRequest> requests, int expected, int perSecond, Duration duration)
            throws InterruptedException {
        Recorder latencies = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = perSecond * duration.toSeconds();
        CountDownLatch answered = new CountDownLatch((int) total);
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            send(requests.get()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == expected) {
                    latencies.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    done.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                answered.countDown();
            });
        }
        answered.await(60, TimeUnit.SECONDS);
        return new Result(done.get(), failed.get(), (System.nanoTime() - start) / 1e9, latencies.getIntervalHistogram());
    }
}
