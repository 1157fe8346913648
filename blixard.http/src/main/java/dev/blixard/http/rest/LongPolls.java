package dev.blixard.http.rest;

import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import dev.blixard.http.problem.ProblemMapping;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link Reply#later() later} reply with servlet async: the request thread goes back to Jetty while
 * the stage waits (a long-poll claim may wait a minute, a submit waits for its replication). Exactly one of
 * three things answers the request: the stage's reply, its failure, or a 503 when it takes longer than the
 * reply's longest wait plus a grace.
 * A reply that comes too late, or cannot be written because the caller hung up, is
 * {@linkplain Reply#undelivered() undelivered}, so that claimed jobs can be given back at once.
 */
public final class LongPolls {
    private static final Logger LOG = LoggerFactory.getLogger(LongPolls.class);

    private final ResponseWriter writer;
    private final Duration grace;

    /** @param grace how much longer than its own wait a stage may take before the request is answered 503 */
    public LongPolls(ResponseWriter writer, Duration grace) {
        this.writer = writer;
        this.grace = grace;
    }

    void answerLater(HttpServletRequest request, Reply reply, String description) {
        AsyncContext async = request.startAsync();
        async.setTimeout(reply.longestWait().plus(grace).toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        async.addListener(new Expiry(open, description));
        reply.later().whenComplete((answer, failure) -> {
            if (!open.compareAndSet(true, false)) {
                undelivered(answer, description, "the request had already been answered");
                return;
            }
            try {
                async.start(() -> write(async, answer, failure, description));
            } catch (IllegalStateException e) {
                undelivered(answer, description, "the request was gone");
            }
        });
    }

    private void write(AsyncContext async, Reply answer, Throwable failure, String description) {
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            if (failure == null) {
                writer.json(response, answer.status(), answer.body());
            } else {
                HttpProblem problem = ProblemMapping.toProblem(failure);
                ApiDispatcher.log(problem, failure, description);
                writer.problem(response, problem);
            }
        } catch (IOException | RuntimeException e) {
            undelivered(answer, description, "writing it failed: " + e);
        } finally {
            async.complete();
        }
    }

    private static void undelivered(Reply answer, String description, String why) {
        if (answer != null) {
            LOG.warn("The answer to {} could not be delivered ({}); undoing it", description, why);
            answer.undelivered();
        }
    }

    /** Answers 503 when the stage outlives the wait, and closes the door on a caller that went away. */
    private final class Expiry implements AsyncListener {
        private final AtomicBoolean open;
        private final String description;

        Expiry(AtomicBoolean open, String description) {
            this.open = open;
            this.description = description;
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (open.compareAndSet(true, false)) {
                HttpProblem problem = ProblemKind.UNAVAILABLE.problem("the request did not finish in time; retry it");
                ApiDispatcher.log(problem, problem, description);
                writer.problem((HttpServletResponse) event.getAsyncContext().getResponse(), problem);
            }
            event.getAsyncContext().complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            open.set(false);
            event.getAsyncContext().complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            open.set(false);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Nothing: the listener is added after the start.
        }
    }
}
