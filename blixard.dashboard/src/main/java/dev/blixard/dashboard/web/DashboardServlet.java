package dev.blixard.dashboard.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the dashboard: the static page and its scripts and styles, shipped inside this bundle (no CDN: a node
 * may have no internet). It is the whiteboard's default servlet ({@code /}), so the REST API ({@code /api/*}),
 * {@code /metrics} and the Web Console ({@code /system/console}) keep their own, more specific, patterns.
 *
 * <p>The files hold no data: everything the page shows comes from the REST API with the person's token, so
 * serving them needs no authentication. They are revalidated on every load (an {@code ETag} from the bundle's
 * last modification), so a dashboard bundle updated at runtime is what the next reload shows.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/",
    "osgi.http.whiteboard.servlet.name=blixard-dashboard"})
@Requirement(namespace = "osgi.implementation", name = "osgi.http", version = "2.0.0")
public final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * Scripts, styles and connections only from the node itself; no inline script, no framing (click-jacking),
     * no plug-ins. Images may be data URIs (the icon).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final transient StaticAssets assets;
    private final String version;

    @Activate
    public DashboardServlet(BundleContext context) {
        Bundle bundle = context.getBundle();
        this.assets = new StaticAssets(bundle::getEntry);
        this.version = Long.toHexString(bundle.getLastModified());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<StaticAssets.Asset> found = assets.find(path);
        securityHeaders(response);
        if (found.isEmpty()) {
            response.setContentType("text/plain;charset=utf-8");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            if (withBody) {
                response.getWriter().write("Not found: " + path + "\nThe dashboard is at /, the REST API under /api.\n");
            }
            return;
        }
        StaticAssets.Asset asset = found.get();
        String etag = "\"" + version + "-" + Integer.toHexString(asset.path().hashCode()) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.mediaType());
        if (!withBody) {
            return;
        }
        try (InputStream in = asset.url().openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
