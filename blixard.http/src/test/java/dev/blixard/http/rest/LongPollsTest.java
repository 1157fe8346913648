package dev.blixard.http.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.NotFoundException;
import dev.blixard.http.json.JsonCodec;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/**
 * A later reply's answer: written once by the stage or the timeout, the request completed only once the answer
 * is flushed, and a reply that does not reach its caller undone once.
 */
public class LongPollsTest {
    private final LongPolls longPolls = new LongPolls(new ResponseWriter(JsonCodec.withMaxDepth(16)), Duration.ZERO);
    private final FakeHttp.Response response = new FakeHttp.Response();
    private final List<AsyncListener> listeners = new ArrayList<>();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger undone = new AtomicInteger();
    private final CompletableFuture<Reply> stage = new CompletableFuture<>();
    private final AsyncContext async = asyncContext();

    @Test
    public void theRequestIsCompletedOnlyOnceItsAnswerIsFlushed() throws Exception {
        answerLater();
        response.writeListener.onWritePossible();
        assertEquals("Jetty's first call, before any answer, completes nothing", 0, completions.get());

        response.flushPending = true;
        stage.complete(answer());
        assertEquals(201, response.status);
        assertTrue(response.text(), response.text().contains("\"job_id\""));
        assertEquals("not completed while the answer is being flushed", 0, completions.get());

        response.flushPending = false;
        response.writeListener.onWritePossible();
        response.writeListener.onWritePossible();
        assertEquals("completed once, when flushed", 1, completions.get());
        assertEquals(0, undone.get());
    }

    @Test
    public void aTimeoutBeforeTheStageAnswers503AndTheLateReplyIsUndone() throws Exception {
        answerLater();
        timeOut();
        assertEquals(503, response.status);
        assertEquals(ResponseWriter.PROBLEM_JSON, response.contentType);
        assertEquals(1, completions.get());

        stage.complete(answer());
        assertEquals("the late reply is undone", 1, undone.get());
        assertEquals("and not written", 503, response.status);
        assertEquals(1, completions.get());
    }

    @Test
    public void anAnswerStillUnreadWhenTheRequestTimesOutIsUndoneOnce() throws Exception {
        answerLater();
        response.flushPending = true;
        stage.complete(answer());
        timeOut();
        response.writeListener.onError(new IOException("reset by peer"));
        assertEquals("undone once", 1, undone.get());
        assertEquals(201, response.status);
    }

    @Test
    public void aFailedStageIsAnsweredWithItsProblem() throws Exception {
        answerLater();
        stage.completeExceptionally(new NotFoundException("job", "42"));
        assertEquals(404, response.status);
        assertEquals(ResponseWriter.PROBLEM_JSON, response.contentType);
        assertEquals(1, completions.get());
    }

    private void answerLater() throws Exception {
        longPolls.answerLater(request(), Reply.later(stage, Duration.ofSeconds(30)), "POST /api/queue/publish");
    }

    private Reply answer() {
        return Reply.created(JsonCodec.object().put("job_id", "01J")).onUndelivered(undone::incrementAndGet);
    }

    private void timeOut() throws Exception {
        for (AsyncListener listener : listeners) {
            listener.onTimeout(new AsyncEvent(async));
        }
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> {
                    if (call.getName().equals("startAsync") && args == null) {
                        return async;
                    }
                    throw new UnsupportedOperationException(call.getName());
                });
    }

    private AsyncContext asyncContext() {
        return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, call, args) -> {
                    switch (call.getName()) {
                        case "setTimeout":
                        case "getRequest":
                            return null;
                        case "addListener":
                            listeners.add((AsyncListener) args[0]);
                            return null;
                        case "getResponse":
                            return response.proxy();
                        case "complete":
                            completions.incrementAndGet();
                            return null;
                        default:
                            throw new UnsupportedOperationException(call.getName());
                    }
                });
    }
}
