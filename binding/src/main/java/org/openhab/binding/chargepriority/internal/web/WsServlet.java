package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.time.Duration;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live status at {@code /chargepriority/ws} (the original's WebSocket protocol, §4.2), as a Jetty 9.4 WebSocket
 * servlet on the HTTP whiteboard.
 *
 * <p>
 * The handshake is refused with a JSON body when the page's {@code Origin} is neither the server's own nor an allowed
 * one (403: cross-site WebSocket hijacking), when the API token is required and missing (401), and when too many
 * clients are connected (503). Messages larger than {@link #MAX_MESSAGE_BYTES} close the connection (1009).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName(WsServlet.NAME)
@HttpWhiteboardServletPattern(WsServlet.PATTERN)
@NonNullByDefault
public class WsServlet extends WebSocketServlet {

    public static final String NAME = "chargepriority-ws";
    public static final String PATTERN = "/chargepriority/ws";

    static final int MAX_MESSAGE_BYTES = 4096;
    static final int MAX_CLIENTS = 1000;
    static final int MAX_PENDING_PER_CLIENT = 16;
    /** Closed after this long without a message either way; the dashboard pings every 30 s. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private static final long serialVersionUID = 1L;

    private final transient Logger logger = LoggerFactory.getLogger(WsServlet.class);
    private final transient HouseholdRegistry registry;
    private final transient WsHub hub;

    @Activate
    public WsServlet(@Reference HouseholdRegistry registry) {
        this(registry, MAX_CLIENTS, MAX_PENDING_PER_CLIENT);
    }

    WsServlet(HouseholdRegistry registry, int maxClients, int maxPendingPerClient) {
        this.registry = registry;
        this.hub = new WsHub(registry, maxClients, maxPendingPerClient);
    }

    @Override
    public void configure(@Nullable WebSocketServletFactory factory) {
        if (factory == null) {
            return;
        }
        factory.getPolicy().setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        factory.getPolicy().setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        factory.getPolicy().setIdleTimeout(IDLE_TIMEOUT.toMillis());
        factory.setCreator((req, resp) -> {
            if (req.getSubProtocols().contains(RequestGuard.WS_PROTOCOL)) {
                // Browsers that offered subprotocols require one back; never the bearer.<token> one.
                resp.setAcceptedSubProtocol(RequestGuard.WS_PROTOCOL);
            }
            return new WsClient(hub);
        });
    }

    @Override
    public void init() throws ServletException {
        super.init();
        hub.start();
    }

    @Override
    public void destroy() {
        hub.stop();
        super.destroy();
    }

    /** The number of connected clients (diagnostics and tests). */
    public int clientCount() {
        return hub.clientCount();
    }

    @Override
    protected void service(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp)
            throws ServletException, IOException {
        if (req == null || resp == null) {
            return;
        }
        try {
            checkHandshake(req, resp);
        } catch (ApiException e) {
            logger.debug("WebSocket handshake from {} refused: {} {}", req.getRemoteAddr(), e.status(),
                    e.getMessage());
            HttpJson.error(resp, e);
            return;
        }
        super.service(req, resp);
    }

    private void checkHandshake(HttpServletRequest req, HttpServletResponse resp) throws ApiException {
        ApiServlet.requireMethod(resp, req.getMethod(), "GET");
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade.trim())) {
            resp.setHeader("Upgrade", "websocket");
            throw new ApiException(426, "websocket_required", "This is a WebSocket endpoint: connect with ws://");
        }
        WebSecurity security = registry.security();
        RequestGuard.checkOrigin(req, security);
        RequestGuard.checkWebSocketToken(req, resp, security);
        if (hub.isFull()) {
            throw new ApiException(503, "too_many_clients", "Too many WebSocket clients are connected");
        }
    }
}
