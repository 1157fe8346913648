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
 * from Jetty's write-possible callback for one larger than the connection takes at once. Handing the write to
 * a request thread instead costs a wake-up of that thread per answer, and a blocking write there would let one
 * client that stops reading hold up every other answer completed on the same thread (a store's replies, say).
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
     * One request's answer: written once, by the stage or by the timeout, whichever comes first, and a reply
     * that could not reach the caller is undone once. The request is completed only once the write is flushed:
     * completing it while a large answer is still being written would cut the answer off. One lock orders the
     * stage's thread, Jetty's callbacks and the timeout.
     */
    private final class Answer implements AsyncListener, WriteListener {
        private final AsyncContext async;
        private final String description;
        // The fields below are guarded by this.
        /** The one answer was written, or the request ended first. */
        private boolean answered;
        /** The stage's reply that was written, undone if it does not reach the caller. */
        private Reply delivered;
        private boolean undone;
        /** {@code complete()} was called, or the request ended. */
        private boolean completed;

        Answer(AsyncContext async, String description) {
            this.async = async;
            this.description = description;
        }

        void deliver(Reply reply, Throwable failure) {
            boolean late;
            boolean writeFailed = false;
            synchronized (this) {
                late = answered;
                if (!late) {
                    answered = true;
                    delivered = reply;
                    try {
                        write(reply, failure);
                    } catch (IOException | RuntimeException e) {
                        undo("writing it failed: " + e);
                        completed = true;
                        writeFailed = true;
                    }
                }
            }
            if (late) {
                undelivered(reply, description, "the request had already been answered");
            } else if (writeFailed) {
                complete();
            } else {
                completeOnceFlushed();
            }
        }

        private void write(Reply reply, Throwable failure) throws IOException {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            if (failure == null) {
                writer.json(response, reply.status(), reply.body());
            } else {
                HttpProblem problem = ProblemMapping.toProblem(failure);
                ApiDispatcher.log(problem, failure, description);
                writer.problem(response, problem);
            }
        }

        /**
         * Completes the request if its answer is written and flushed. When the answer is still being flushed,
         * {@code isReady()} is false and Jetty calls {@link #onWritePossible} once it is done, which comes here
         * again. Jetty also calls that once before anything is written, which must not complete the request.
         */
        private void completeOnceFlushed() {
            synchronized (this) {
                if (!answered || completed) {
                    return;
                }
                try {
                    if (!async.getResponse().getOutputStream().isReady()) {
                        return;
                    }
                } catch (IOException | IllegalStateException e) {
                    undo("its write could not be followed: " + e);
                }
                completed = true;
            }
            complete();
        }

        private void complete() {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                synchronized (this) {
                    undo("the request was gone");
                }
            }
        }

        /** Guarded by this. */
        private void undo(String why) {
            if (delivered != null && !undone) {
                undone = true;
                undelivered(delivered, description, why);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            synchronized (this) {
                if (!answered) {
                    answered = true;
                    HttpProblem problem = ProblemKind.UNAVAILABLE.problem("the request did not finish in time; retry it");
                    ApiDispatcher.log(problem, problem, description);
                    writer.problem((HttpServletResponse) event.getAsyncContext().getResponse(), problem);
                } else if (!completed) {
                    undo("the caller did not read it in time");
                }
                completed = true;
            }
            event.getAsyncContext().complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            ended("the connection failed: " + event.getThrowable());
            event.getAsyncContext().complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            synchronized (this) {
                answered = true;
                completed = true;
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Nothing: the listener is added after the start.
        }

        @Override
        public void onWritePossible() {
            completeOnceFlushed();
        }

        @Override
        public void onError(Throwable failure) {
            ended("writing it failed: " + failure);
            complete();
        }

        /** The request cannot be answered any more: a reply written to it is undone, a later one too. */
        private synchronized void ended(String why) {
            answered = true;
            completed = true;
            undo(why);
        }
    }
}
