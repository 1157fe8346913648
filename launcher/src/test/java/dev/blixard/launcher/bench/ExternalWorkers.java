package dev.blixard.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Workers outside the node, as a script in another language would be: each loops claim (up to a batch,
 * started on claim, long-polling) then reports every claimed job Completed, until the queue of its type is
 * empty. Measures jobs/s through the REST API and the latency of the claims.
 */
final class ExternalWorkers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpLoad load;
    private final String type;

    ExternalWorkers(HttpLoad load, String type) {
        this.load = load;
        this.type = type;
    }

    /** What the workers did; claim latencies in microseconds. */
    record Result(long jobs, long failures, double seconds, Histogram claimLatencies) {
        double perSecond() {
            return jobs / seconds;
        }
    }

    /** Runs {@code workers} loops until {@code jobs} jobs of the type have been completed. */
    Result drain(int workers, int maxJobs, long jobs) throws Exception {
        Recorder claims = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String workerId = "bench-worker-" + w;
            Thread thread = new Thread(() -> loop(workerId, maxJobs, jobs, claims, completed, failed), workerId);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(completed.get(), failed.get(), (System.nanoTime() - start) / 1e9, claims.getIntervalHistogram());
    }

    private void loop(String workerId, int maxJobs, long jobs, Recorder claims, AtomicLong completed, AtomicLong failed) {
        String claim = "{\"worker_id\": \"" + workerId + "\", \"worker_types\": [\"" + type + "\"], \"max_jobs\": "
                + maxJobs + ", \"wait_ms\": 1000, \"start_on_claim\": true}";
        String done = "{\"worker_id\": \"" + workerId + "\", \"status\": \"Completed\", \"result\": {}}";
        try {
            while (completed.get() < jobs) {
                long sent = System.nanoTime();
                HttpResponse<String> answer = load.send(load.post("/api/queue/claim", claim)).join();
                if (answer.statusCode() != 200) {
                    failed.incrementAndGet();
                    continue;
                }
                claims.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                JsonNode claimed = JSON.readTree(answer.body()).path("jobs");
                List<CompletableFuture<HttpResponse<String>>> reports = new ArrayList<>();
                for (JsonNode job : claimed) {
                    reports.add(load.send(load.post("/api/queue/status/" + job.path("id").asText(), done)));
                }
                for (CompletableFuture<HttpResponse<String>> report : reports) {
                    if (report.join().statusCode() == 200) {
                        completed.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("worker " + workerId + " failed: " + e, e);
        }
    }
}
