package dev.blixard.http.rest;

import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import dev.blixard.http.problem.ProblemMapping;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.WriteListener;
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
 * <p>
 * The answer is written on the thread that completes the stage, in one non-blocking write (servlet
 * non-blocking output), and the request is completed once those bytes are flushed: at once for most answers,
 * from Jetty's write-possible callback for one larger than the connection takes at once. Handing the write to a request thread instead costs a wake-up of that thread per
 * answer, and a blocking write there would let one client that stops reading hold up every other answer
 * completed on the same thread (a store's replies, say).
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

    void answerLater(HttpServletRequest request, Reply reply, String description) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(reply.longestWait().plus(grace).toMillis());
        Answer answer = new Answer(async, description);
        async.addListener(answer);
        async.getResponse().getOutputStream().setWriteListener(answer);
        reply.later().whenComplete(answer::deliver);
    }

    private static void undelivered(Reply answer, String description, String why) {
        if (answer != null) {
            LOG.warn("The answer to {} could not be delivered ({}); undoing it", description, why);
            answer.undelivered();
        }
    }

    /**
     * One request's answer: written once, by the stage or by the timeout, whichever comes first; a reply
     * that could not reach the caller is undone once. The request is completed only once the write is flushed:
     * completing it while a large answer is still being written would cut the answer off.
     */
    private final class Answer implements AsyncListener, WriteListener {
        private final AsyncContext async;
        private final String description;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final AtomicBoolean undone = new AtomicBoolean();
        private volatile Reply written;
        /** Guarded by this: the answer's one write was made, and the request completed. */
        private boolean writeMade;
        private boolean completed;

        Answer(AsyncContext async, String description) {
            this.async = async;
            this.description = description;
        }

        void deliver(Reply reply, Throwable failure) {
            if (!open.compareAndSet(true, false)) {
                undelivered(reply, description, "the request had already been answered");
                return;
            }
            written = reply;
            try {
                synchronized (this) {
                    HttpServletResponse response = (HttpServletResponse) async.getResponse();
                    if (failure == null) {
                        writer.json(response, reply.status(), reply.body());
                    } else {
                        HttpProblem problem = ProblemMapping.toProblem(failure);
                        ApiDispatcher.log(problem, failure, description);
                        writer.problem(response, problem);
                    }
                    writeMade = true;
                }
                completeOnceFlushed();
            } catch (IOException | RuntimeException e) {
                undo("writing it failed: " + e);
                complete();
            }
        }

        /**
         * Completes the request if its answer is written and flushed. When the answer is still being flushed,
         * {@code isReady()} is false and Jetty calls {@link #onWritePossible} once it is done, which comes here
         * again. Jetty also calls that once before anything is written, which must not complete the request.
         */
        private void completeOnceFlushed() throws IOException {
            synchronized (this) {
                if (!writeMade || completed || !async.getResponse().getOutputStream().isReady()) {
                    return;
                }
                completed = true;
            }
            complete();
        }

        private void complete() {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                undo("the request was gone");
            }
        }

        private void undo(String why) {
            if (undone.compareAndSet(false, true)) {
                undelivered(written, description, why);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (open.compareAndSet(true, false)) {
                HttpProblem problem = ProblemKind.UNAVAILABLE.problem("the request did not finish in time; retry it");
                ApiDispatcher.log(problem, problem, description);
                writer.problem((HttpServletResponse) event.getAsyncContext().getResponse(), problem);
            } else if (!flushed()) {
                undo("the caller did not read it in time");
            }
            event.getAsyncContext().complete();
        }

        private synchronized boolean flushed() {
            return completed;
        }

        @Override
        public void onError(AsyncEvent event) {
            open.set(false);
            undo("the connection failed: " + event.getThrowable());
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

        @Override
        public void onWritePossible() throws IOException {
            completeOnceFlushed();
        }

        @Override
        public void onError(Throwable failure) {
            undo("writing it failed: " + failure);
            complete();
        }
    }
}
