package dev.blixard.http.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blixard.http.auth.Access;
import dev.blixard.http.auth.Authenticator;
import dev.blixard.http.auth.BearerAuthentication;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import dev.blixard.http.problem.ProblemMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every {@code /api} request in one order, so that no route can skip a check: authenticate (401),
 * limit the token's rate (429), find the route (404, 405), check the caller's role (403), read the body (415,
 * 413, 400), then run the handler and map what it throws. Server errors are logged with the request they failed; the caller gets a
 * problem document without any of the server's insides.
 */
public final class ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final RequestBodies bodies;
    private final ResponseWriter writer;
    private final LongPolls longPolls;
    private final ApiRateLimit rateLimit;

    ApiDispatcher(RouteTable routes, Authenticator authenticator, ApiRateLimit rateLimit, RequestBodies bodies,
            ResponseWriter writer, LongPolls longPolls) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
        this.bodies = bodies;
        this.writer = writer;
        this.longPolls = longPolls;
    }

    /** Answers the request; {@code path} is its path under {@code /api}. */
    public void dispatch(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        Caller caller = null;
        try {
            caller = BearerAuthentication.caller(authenticator, request.getHeader("Authorization"));
            rateLimit.check(caller);
            RouteTable.Match match = routes.match(request.getMethod(), path);
            Access.checkRole(caller, match.route().roles());
            JsonNode body = bodies.read(request, match.route().body());
            Reply reply = match.route().handler().handle(
                    new ApiCall(caller, match.params(), request.getParameterMap(), headers(request), body));
            if (reply.isLater()) {
                longPolls.answerLater(request, reply, describe(request, caller));
            } else if (reply.isStream()) {
                reply.stream().open(request, response);
            } else if (reply.body() == null) {
                writer.empty(response, reply.status());
            } else {
                writer.json(response, reply.status(), reply.body());
            }
        } catch (RuntimeException e) {
            answer(request, response, e, describe(request, caller));
        }
    }

    /** Answers with the problem {@code failure} maps to; logs it first when it is the server's fault. */
    private void answer(HttpServletRequest request, HttpServletResponse response, Throwable failure, String description)
            throws IOException {
        HttpProblem problem = ProblemMapping.toProblem(failure);
        log(problem, failure, description);
        if (response.isCommitted()) {
            return;
        }
        boolean keepConnection = bodies.discardUnread(request);
        response.reset();
        if (!keepConnection) {
            response.setHeader("Connection", "close");
        }
        writer.problem(response, problem);
    }

    static void log(HttpProblem problem, Throwable failure, String request) {
        if (problem.kind() == ProblemKind.INTERNAL_ERROR) {
            LOG.error("{} failed", request, ProblemMapping.unwrap(failure));
        } else if (problem.kind().status() >= 500) {
            LOG.warn("{} answered {}: {}", request, problem.kind().status(), problem.detail());
        } else {
            LOG.debug("{} answered {}: {}", request, problem.kind().status(), problem.detail());
        }
    }

    /** @return the request's headers for the handler, without the credentials (records print everything) */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names != null && names.hasMoreElements();) {
            String name = names.nextElement().toLowerCase(Locale.ROOT);
            if (!CREDENTIALS.contains(name)) {
                headers.putIfAbsent(name, request.getHeader(name));
            }
        }
        return headers;
    }

    /** @return "METHOD /path by caller", for logs; never the token */
    static String describe(HttpServletRequest request, Caller caller) {
        return request.getMethod() + " " + request.getRequestURI() + (caller == null ? "" : " by " + caller);
    }
}
