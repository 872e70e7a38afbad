package org.openhab.binding.chargepriority.internal.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeException;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real WebSocket client (Jetty 9.4) that records what it receives.
 */
final class WsTestClient implements WebSocketListener {

    /** How a handshake ended: connected, or refused with an HTTP status. */
    record Handshake(WsTestClient client, int refusedStatus) {
        boolean connected() {
            return refusedStatus == 0;
        }
    }

    final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile Session session;

    /** Connects; returns the refusal's HTTP status instead of throwing when the server refuses the handshake. */
    static Handshake connect(WebSocketClient jetty, URI uri, String origin, List<String> protocols,
            String... headers) throws Exception {
        WsTestClient c = new WsTestClient();
        ClientUpgradeRequest req = new ClientUpgradeRequest();
        if (origin != null) {
            req.setHeader("Origin", origin);
        }
        if (!protocols.isEmpty()) {
            req.setSubProtocols(protocols);
        }
        for (int i = 0; i < headers.length; i += 2) {
            req.setHeader(headers[i], headers[i + 1]);
        }
        try {
            c.session = jetty.connect(c, uri, req).get(10, TimeUnit.SECONDS);
            return new Handshake(c, 0);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeException u) {
                return new Handshake(c, u.getResponseStatusCode());
            }
            throw e;
        }
    }

    static WsTestClient open(WebSocketClient jetty, URI uri, String origin) throws Exception {
        Handshake h = connect(jetty, uri, origin, List.of());
        if (!h.connected()) {
            throw new AssertionError("Handshake refused with " + h.refusedStatus());
        }
        return h.client();
    }

    /** The next message, whatever its type; fails after the timeout. */
    JsonObject next() throws InterruptedException {
        JsonObject m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("No message within 10 s");
        }
        return m;
    }

    /** The next message of this type, skipping others (e.g. a scheduled update's status_update). */
    JsonObject next(String type) throws InterruptedException {
        while (true) {
            JsonObject m = next();
            if (type.equals(m.get("type").getAsString())) {
                return m;
            }
        }
    }

    void send(String text) throws Exception {
        session.getRemote().sendString(text);
    }

    @Override
    public void onWebSocketText(String message) {
        messages.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketConnect(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int len) {
    }
}
