package dev.blixard.http.rest;

import dev.blixard.http.auth.Access;
import dev.blixard.http.auth.Authenticator;
import dev.blixard.http.auth.BearerAuthentication;
import dev.blixard.http.auth.Caller;
import dev.blixard.http.json.JsonCodec;
import dev.blixard.http.metrics.Metrics;
import dev.blixard.http.metrics.MetricsScrape;
import dev.blixard.http.problem.HttpProblem;
import dev.blixard.http.problem.ProblemKind;
import dev.blixard.http.problem.ProblemMapping;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /metrics}: the node's {@link Metrics} in the Prometheus text format (OpenMetrics when the scraper
 * asks for it). Authenticated like {@code /api}: 401 without a valid bearer token, 403 unless the token's role
 * is admin; other methods are 405. Errors are problem+json documents.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/metrics",
    "osgi.http.whiteboard.servlet.name=blixard-metrics"})
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Authenticator authenticator;
    private final transient Metrics metrics;
    private final transient ResponseWriter writer = new ResponseWriter(JsonCodec.withMaxDepth(16));

    /** @param authenticator the best ranked one, as for the REST API */
    @Activate
    public MetricsServlet(@Reference(policyOption = ReferencePolicyOption.GREEDY) Authenticator authenticator,
            @Reference Metrics metrics) {
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = null;
        try {
            caller = BearerAuthentication.caller(authenticator, request.getHeader("Authorization"));
            Access.checkRole(caller, Set.of());
            boolean head = "HEAD".equals(request.getMethod());
            if (!head && !"GET".equals(request.getMethod())) {
                throw ProblemKind.METHOD_NOT_ALLOWED.problem(request.getMethod() + " is not allowed on /metrics; allowed: GET")
                        .withHeader("Allow", "GET, HEAD");
            }
            write(response, metrics.scrape(request.getHeader("Accept")), head);
        } catch (RuntimeException e) {
            HttpProblem problem = ProblemMapping.toProblem(e);
            ApiDispatcher.log(problem, e, ApiDispatcher.describe(request, caller));
            if (!response.isCommitted()) {
                response.reset();
                writer.problem(response, problem);
            }
        }
    }

    private static void write(HttpServletResponse response, MetricsScrape scrape, boolean head) throws IOException {
        byte[] bytes = scrape.text().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(scrape.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        if (!head) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }
}
