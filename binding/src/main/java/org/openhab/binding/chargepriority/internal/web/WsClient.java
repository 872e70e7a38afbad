package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * One WebSocket connection (protocol of the original, §4.2): receives {@code initial_status} on connect and
 * {@code status_update} after every change; answers {@code {"type":"ping"}} with a {@code pong}. Anything else gets an
 * {@code error} message and the connection stays open.
 *
 * <p>
 * Every send is asynchronous. A client with {@link WsHub#maxPending()} messages still waiting to be written is too
 * slow (or dead) and is disconnected, so it cannot hold memory or delay anyone.
 */
@NonNullByDefault
final class WsClient implements WebSocketListener {

    private final WsHub hub;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private volatile @Nullable Session session;

    private final WriteCallback written = new WriteCallback() {
        @Override
        public void writeSuccess() {
            pending.decrementAndGet();
        }

        @Override
        public void writeFailed(@Nullable Throwable x) {
            pending.decrementAndGet();
            drop("write failed: " + (x != null ? x.getMessage() : "unknown"));
        }
    };

    WsClient(WsHub hub) {
        this.hub = hub;
    }

    @Override
    public void onWebSocketConnect(@Nullable Session s) {
        session = s;
        hub.join(this);
    }

    @Override
    public void onWebSocketText(@Nullable String message) {
        if (message == null) {
            return;
        }
        JsonElement parsed;
        try {
            parsed = JsonBody.parseStrict(message);
        } catch (ApiException e) {
            send(hub.error("The message is not valid JSON; send e.g. {\"type\":\"ping\"}"));
            return;
        }
        JsonElement type = parsed != null && parsed.isJsonObject() ? parsed.getAsJsonObject().get("type") : null;
        if (!(type instanceof JsonPrimitive p && p.isString())) {
            send(hub.error("A message is a JSON object with a \"type\"; the server understands \"ping\""));
        } else if ("ping".equals(p.getAsString())) {
            send(hub.pong());
        } else {
            String t = p.getAsString();
            send(hub.error("Unknown message type '" + (t.length() <= 40 ? t : t.substring(0, 40) + "…")
                    + "'; the server understands \"ping\""));
        }
    }

    @Override
    public void onWebSocketBinary(byte @Nullable [] payload, int offset, int len) {
        send(hub.error("Binary messages are not understood; send JSON text"));
    }

    @Override
    public void onWebSocketClose(int statusCode, @Nullable String reason) {
        hub.leave(this);
        session = null;
    }

    @Override
    public void onWebSocketError(@Nullable Throwable cause) {
        hub.leave(this);
    }

    /** Queues a message; never blocks. */
    void send(String message) {
        Session s = session;
        if (s == null || dropped.get() || !s.isOpen()) {
            return;
        }
        if (pending.incrementAndGet() > hub.maxPending()) {
            pending.decrementAndGet();
            drop(hub.maxPending() + " messages waiting: too slow");
            return;
        }
        try {
            s.getRemote().sendString(message, written);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            drop("send failed: " + e.getMessage());
        }
    }

    void close(int code, String reason) {
        Session s = session;
        if (s != null) {
            s.close(code, reason);
        }
    }

    private void drop(String why) {
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        hub.leave(this);
        hub.logDropped(this, why);
        Session s = session;
        if (s != null) {
            try {
                // Not close(): its close frame would wait behind the messages the client is not reading.
                s.disconnect();
            } catch (IOException e) {
                // Gone already.
            }
        }
    }

    @Override
    public String toString() {
        Session s = session;
        return "WsClient[" + (s != null ? s.getRemoteAddress() : "closed") + "]";
    }
}
