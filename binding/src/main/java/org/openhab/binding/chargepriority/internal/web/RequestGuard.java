package org.openhab.binding.chargepriority.internal.web;

import java.util.Enumeration;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The front-door checks every API and WebSocket request passes: CORS for allowed origins, the same-origin rule for
 * state-changing requests and WebSocket handshakes, and the optional API token.
 *
 * <p>
 * Where the token may come from: {@code Authorization: Bearer <token>} always; for WebSocket handshakes (browsers
 * cannot set headers there) also the query parameter {@code token} or a {@code Sec-WebSocket-Protocol} entry
 * {@code bearer.<token>} offered next to {@link #WS_PROTOCOL}.
 */
@NonNullByDefault
final class RequestGuard {

    /** The subprotocol the server selects; browsers offer it next to {@code bearer.<token>}. */
    static final String WS_PROTOCOL = "chargepriority";
    static final String WS_TOKEN_PREFIX = "bearer.";

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type";

    private RequestGuard() {
    }

    static boolean isSafeMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /**
     * For a request from an allowed foreign origin, the CORS headers that let its page read the answer. Nothing for
     * other origins: the browser then keeps the answer from the page.
     */
    static void addCorsHeaders(HttpServletRequest req, HttpServletResponse resp, WebSecurity security) {
        String origin = req.getHeader("Origin");
        resp.addHeader("Vary", "Origin");
        if (origin != null && security.isAllowedOrigin(origin, req.getHeader("Host"))) {
            resp.setHeader("Access-Control-Allow-Origin", origin);
        }
    }

    /**
     * Answers an OPTIONS request: a CORS preflight from an allowed origin gets 204 with what it may do; a preflight
     * from any other origin gets 403; a plain OPTIONS (no Origin) gets 204 with {@code Allow}.
     */
    static void answerOptions(HttpServletRequest req, HttpServletResponse resp, WebSecurity security, String allow)
            throws ApiException {
        String origin = req.getHeader("Origin");
        if (origin != null) {
            if (!security.isAllowedOrigin(origin, req.getHeader("Host"))) {
                throw forbiddenOrigin(origin);
            }
            resp.setHeader("Access-Control-Allow-Methods", allow);
            resp.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            resp.setHeader("Access-Control-Max-Age", "600");
        }
        resp.setHeader("Allow", allow);
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /**
     * The same-origin rule: a request that changes something (or opens a WebSocket) from a browser page on a foreign
     * origin is refused. Requests without an Origin header (not from a browser page) pass.
     */
    static void checkOrigin(HttpServletRequest req, WebSecurity security) throws ApiException {
        String origin = req.getHeader("Origin");
        if (origin != null && !security.isAllowedOrigin(origin, req.getHeader("Host"))) {
            throw forbiddenOrigin(origin);
        }
    }

    private static ApiException forbiddenOrigin(String origin) {
        String shown = origin.length() <= 100 ? origin : origin.substring(0, 100) + "…";
        return new ApiException(403, "forbidden_origin", "Requests from the origin '" + shown
                + "' are not allowed; add it to allowedOrigins to use the API from there", "Origin");
    }

    /** Requires the API token when one is configured: from the Authorization header only. */
    static void checkToken(HttpServletRequest req, HttpServletResponse resp, WebSecurity security)
            throws ApiException {
        if (!security.requiresToken()) {
            return;
        }
        if (!security.tokenMatches(bearer(req))) {
            throw unauthorized(resp, "This API needs the token: send 'Authorization: Bearer <token>'");
        }
    }

    /** Requires the API token for a WebSocket handshake: header, {@code ?token=} or subprotocol. */
    static void checkWebSocketToken(HttpServletRequest req, HttpServletResponse resp, WebSecurity security)
            throws ApiException {
        if (!security.requiresToken()) {
            return;
        }
        String header = bearer(req);
        if (header != null && security.tokenMatches(header)) {
            return;
        }
        String query = ApiServlet.parameter(req, "token");
        if (query != null && security.tokenMatches(query)) {
            return;
        }
        String offered = protocolToken(req);
        if (offered != null && security.tokenMatches(offered)) {
            return;
        }
        throw unauthorized(resp, "This WebSocket needs the token: offer the subprotocols '" + WS_PROTOCOL + "' and '"
                + WS_TOKEN_PREFIX + "<token>', or add ?token=<token>, or send 'Authorization: Bearer <token>'");
    }

    private static ApiException unauthorized(HttpServletResponse resp, String detail) {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"chargepriority\"");
        return new ApiException(401, "unauthorized", detail, "Authorization");
    }

    private static @Nullable String bearer(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null || auth.length() < 7 || !auth.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return auth.substring(7).trim();
    }

    private static @Nullable String protocolToken(HttpServletRequest req) {
        Enumeration<String> headers = req.getHeaders("Sec-WebSocket-Protocol");
        while (headers != null && headers.hasMoreElements()) {
            for (String p : headers.nextElement().split(",")) {
                String protocol = p.trim();
                if (protocol.startsWith(WS_TOKEN_PREFIX)) {
                    return protocol.substring(WS_TOKEN_PREFIX.length());
                }
            }
        }
        return null;
    }
}
