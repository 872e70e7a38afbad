package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's static files under {@code /chargepriority/}: {@code index.html} and its modules, style sheet and
 * icon from the bundle's {@code web/} folder, and uPlot from the WebJar copy inside the bundle. No CDN: a dashboard on
 * a LAN without internet works.
 *
 * <p>
 * Own files are served with an ETag and {@code no-cache} (the browser revalidates and gets 304 while unchanged);
 * uPlot's files sit under a versioned path and are cached for a year. The API and the WebSocket have their own,
 * longer servlet patterns and never reach this servlet. Static files need no token: they hold no data.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName(DashboardServlet.NAME)
@HttpWhiteboardServletPattern(DashboardServlet.PATTERN)
@NonNullByDefault
public class DashboardServlet extends HttpServlet {

    public static final String NAME = "chargepriority-dashboard";
    public static final String PATTERN = "/chargepriority/*";

    static final String UPLOT_VERSION = "1.6.30";
    /** Where the dashboard loads uPlot from, relative to {@code /chargepriority/}. */
    static final String UPLOT_PATH = "vendor/uplot-" + UPLOT_VERSION + "/";
    private static final String UPLOT_RESOURCES = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/";
    private static final Map<String, String> UPLOT_FILES = Map.of("uPlot.iife.min.js", "dist/uPlot.iife.min.js",
            "uPlot.min.css", "dist/uPlot.min.css", "LICENSE", "LICENSE");

    private static final Pattern OWN_FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js",
            "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "svg", "image/svg+xml", "json",
            "application/json;charset=utf-8", "png", "image/png", "ico", "image/x-icon", "webmanifest",
            "application/manifest+json");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'self'";
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    private static final long serialVersionUID = 1L;

    private final transient Logger logger = LoggerFactory.getLogger(DashboardServlet.class);
    /** The bundle's files never change while it runs: each is read and hashed once. */
    private final transient Map<String, Asset> assets = new ConcurrentHashMap<>();

    record Asset(byte[] body, String contentType, String etag, String cacheControl) {
    }

    @Override
    protected void service(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp) throws IOException {
        if (req == null || resp == null) {
            return;
        }
        try {
            handle(req, resp);
        } catch (ApiException e) {
            HttpJson.error(resp, e);
        } catch (RuntimeException e) {
            logger.warn("{} {} failed: {}", req.getMethod(), req.getRequestURI(), e.toString(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                HttpJson.error(resp, 500, "internal_error", "The server failed to answer this request");
            }
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws ApiException, IOException {
        String path = req.getPathInfo();
        if (path == null) {
            // "/chargepriority": relative links in the page only work below "/chargepriority/".
            String query = req.getQueryString();
            resp.sendRedirect(req.getRequestURI() + "/" + (query != null ? "?" + query : ""));
            return;
        }
        Asset asset = asset(path);
        if (asset == null) {
            throw new ApiException(404, "not_found", "No such file: /chargepriority" + shorten(path));
        }
        String method = req.getMethod();
        if ("OPTIONS".equals(method)) {
            resp.setHeader("Allow", ALLOW);
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        ApiServlet.requireMethod(resp, method, ALLOW);
        resp.setHeader("ETag", asset.etag());
        resp.setHeader("Cache-Control", asset.cacheControl());
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (asset.contentType().startsWith("text/html")) {
            resp.setHeader("Content-Security-Policy", CSP);
            resp.setHeader("Referrer-Policy", "no-referrer");
        }
        if (matches(req.getHeader("If-None-Match"), asset.etag())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(asset.contentType());
        resp.setContentLength(asset.body().length);
        resp.getOutputStream().write(asset.body());
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private @Nullable Asset asset(String path) {
        String resource;
        String cacheControl;
        if ("/".equals(path)) {
            resource = "web/index.html";
            cacheControl = "no-cache";
        } else if (path.startsWith("/" + UPLOT_PATH)) {
            String file = UPLOT_FILES.get(path.substring(UPLOT_PATH.length() + 1));
            if (file == null) {
                return null;
            }
            resource = UPLOT_RESOURCES + file;
            cacheControl = "public, max-age=31536000, immutable";
        } else {
            String name = path.substring(1);
            if (!OWN_FILE.matcher(name).matches()) {
                return null; // no folders, no "..", no hidden files
            }
            resource = "web/" + name;
            cacheControl = "no-cache";
        }
        Asset asset = assets.get(resource);
        if (asset == null) {
            // Only files that exist are remembered: probing for names cannot grow the map.
            asset = load(resource, cacheControl);
            if (asset != null) {
                assets.put(resource, asset);
            }
        }
        return asset;
    }

    private @Nullable Asset load(String resource, String cacheControl) {
        int dot = resource.lastIndexOf('.');
        String type = resource.endsWith("LICENSE") ? "text/plain;charset=utf-8"
                : TYPES.get(resource.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return null;
        }
        URL url = DashboardServlet.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] body = in.readAllBytes();
            return new Asset(body, type, etag(body), cacheControl);
        } catch (IOException e) {
            logger.warn("Dashboard file {} cannot be read: {}", resource, e.getMessage());
            return null;
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
