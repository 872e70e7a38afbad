package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * The live status WebSocket over real connections: the original protocol (initial_status, status_update, ping/pong),
 * bad messages, the size limit, the origin and token rules, many clients at once and a client that stops reading.
 */
class WsServletTest {

    private static final Pattern OSLO_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+01:00");
    private static final String WS = "/chargepriority/ws";

    @TempDir
    Path dir;
    WebTestServer server;
    WebSocketClient jetty;

    @BeforeEach
    void start() throws Exception {
        jetty = new WebSocketClient();
        jetty.start();
    }

    private void serve(WebTestServer.Options options) throws Exception {
        server = WebTestServer.start(dir, options);
    }

    private void serve() throws Exception {
        serve(new WebTestServer.Options());
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        if (server != null) {
            server.close();
        }
    }

    private WsTestClient open() throws Exception {
        return WsTestClient.open(jetty, server.ws(WS), server.origin());
    }

    private static WebTestServer.Options withToken(String token) {
        WebTestServer.Options o = new WebTestServer.Options();
        o.security = new WebSecurity(token, List.of());
        return o;
    }

    // ---- protocol ----

    @Test
    void aNewClientGetsTheInitialStatusAtOnce() throws Exception {
        serve();
        WsTestClient c = open();

        JsonObject m = c.next();

        assertEquals("initial_status", m.get("type").getAsString());
        assertTrue(OSLO_TIME.matcher(m.get("timestamp").getAsString()).matches(), m.toString());
        assertEquals("Tesla Model Y", m.getAsJsonObject("tesla").get("vehicle_name").getAsString());
        assertTrue(m.getAsJsonObject("ioniq").has("battery_percent"));
        assertTrue(m.getAsJsonObject("tesla_recommendation").has("action"));
        assertTrue(m.has("priority_vehicle"));
        assertEquals(m.get("priority_vehicle").getAsString(),
                Http.to(server).get("/chargepriority/api/status").json().get("priority_vehicle").getAsString(),
                "the same answer as the REST status");
    }

    @Test
    void everyUpdateIsPushed() throws Exception {
        serve();
        WsTestClient c = open();
        c.next("initial_status");
        server.clock.advance(Duration.ofMinutes(15));

        assertEquals(202, Http.to(server).post("/chargepriority/api/update").status());

        JsonObject m = c.next("status_update");
        assertEquals(OffsetDateTime.parse("2025-01-18T20:15:00+01:00"),
                OffsetDateTime.parse(m.get("last_updated").getAsString()));
    }

    @Test
    void aSettingsChangeIsPushed() throws Exception {
        serve();
        WsTestClient c = open();
        c.next("initial_status");

        assertEquals(200, Http.to(server).put("/chargepriority/api/settings/threshold?threshold=90", null).status());

        JsonObject m = c.next("status_update");
        assertEquals(90, m.get("charge_threshold").getAsInt());
        assertEquals(90.0, m.getAsJsonObject("tesla_recommendation").get("threshold").getAsDouble());
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        serve();
        WsTestClient c = open();
        c.next("initial_status");

        c.send("{\"type\":\"ping\"}");

        JsonObject m = c.next();
        assertEquals("pong", m.get("type").getAsString());
        assertTrue(OSLO_TIME.matcher(m.get("timestamp").getAsString()).matches(), m.toString());
    }

    @Test
    void badMessagesGetAnErrorAndTheConnectionStaysOpen() throws Exception {
        serve();
        WsTestClient c = open();
        c.next("initial_status");

        for (String bad : List.of("{not json", "[1,2]", "\"ping\"", "{\"type\": 5}", "{}", "{\"type\":\"ping\"} x")) {
            c.send(bad);
            JsonObject m = c.next();
            assertEquals("error", m.get("type").getAsString(), bad);
            assertFalse(m.get("detail").getAsString().isBlank());
        }
        c.send("{\"type\":\"subscribe\"}");
        JsonObject unknown = c.next();
        assertEquals("error", unknown.get("type").getAsString());
        assertTrue(unknown.get("detail").getAsString().contains("subscribe"), unknown.toString());
        c.session.getRemote().sendBytes(java.nio.ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        assertEquals("error", c.next().get("type").getAsString());

        c.send("{\"type\":\"ping\"}");
        assertEquals("pong", c.next().get("type").getAsString(), "still open and answering");
        assertFalse(c.closed.isDone());
    }

    @Test
    void anOversizedMessageClosesTheConnectionWith1009() throws Exception {
        serve();
        WsTestClient c = open();
        c.next("initial_status");

        c.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(WsServlet.MAX_MESSAGE_BYTES) + "\"}");

        assertEquals(StatusCode.MESSAGE_TOO_LARGE, c.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPlainHttpRequestIsToldToUseAWebSocket() throws Exception {
        serve();
        Http.Answer a = Http.to(server).get(WS);
        assertEquals(426, a.status());
        assertEquals("websocket_required", a.json().get("error").getAsString());
        assertEquals(405, Http.to(server).post(WS).status());
    }

    // ---- origin ----

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() throws Exception {
        serve();
        assertEquals(403, WsTestClient.connect(jetty, server.ws(WS), "http://evil.example", List.of()).refusedStatus());
        assertEquals(403, WsTestClient.connect(jetty, server.ws(WS), "null", List.of()).refusedStatus());
        assertEquals(403, WsTestClient.connect(jetty, server.ws(WS), "http://127.0.0.1:1", List.of()).refusedStatus(),
                "same host, other port: another origin");
        assertEquals(0, server.ws.clientCount());
    }

    @Test
    void ownOriginConfiguredOriginsAndNoOriginAreAccepted() throws Exception {
        WebTestServer.Options o = new WebTestServer.Options();
        o.security = new WebSecurity(null, List.of("http://laptop.local:3000"));
        serve(o);

        assertTrue(WsTestClient.connect(jetty, server.ws(WS), server.origin(), List.of()).connected());
        assertTrue(WsTestClient.connect(jetty, server.ws(WS), "http://LAPTOP.local:3000", List.of()).connected());
        WsTestClient.Handshake noOrigin = WsTestClient.connect(jetty, server.ws(WS), null, List.of());
        assertTrue(noOrigin.connected(), "scripts and other non-browser clients send no Origin");
        assertEquals("initial_status", noOrigin.client().next().get("type").getAsString());
    }

    // ---- token ----

    @Test
    void withATokenTheHandshakeNeedsIt() throws Exception {
        serve(withToken("k3y-for-the-car"));

        assertEquals(401, WsTestClient.connect(jetty, server.ws(WS), server.origin(), List.of()).refusedStatus());
        assertEquals(401, WsTestClient.connect(jetty, server.ws(WS + "?token=wrong"), server.origin(), List.of())
                .refusedStatus());
        assertEquals(401, WsTestClient
                .connect(jetty, server.ws(WS), server.origin(), List.of("chargepriority", "bearer.wrong"))
                .refusedStatus());
        assertEquals(0, server.ws.clientCount());
    }

    @Test
    void theTokenMayComeAsQueryParameterSubprotocolOrHeader() throws Exception {
        serve(withToken("k3y-for-the-car"));

        WsTestClient.Handshake query = WsTestClient.connect(jetty, server.ws(WS + "?token=k3y-for-the-car"),
                server.origin(), List.of());
        assertTrue(query.connected());
        assertEquals("initial_status", query.client().next().get("type").getAsString());

        WsTestClient.Handshake protocol = WsTestClient.connect(jetty, server.ws(WS), server.origin(),
                List.of("chargepriority", "bearer.k3y-for-the-car"));
        assertTrue(protocol.connected());
        assertEquals("chargepriority", protocol.client().session.getUpgradeResponse().getAcceptedSubProtocol(),
                "the token is never echoed back");

        WsTestClient.Handshake header = WsTestClient.connect(jetty, server.ws(WS), null, List.of(),
                "Authorization", "Bearer k3y-for-the-car");
        assertTrue(header.connected());
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheToken() throws Exception {
        serve(withToken("k3y-for-the-car"));
        assertEquals(403, WsTestClient.connect(jetty, server.ws(WS + "?token=k3y-for-the-car"), "http://evil.example",
                List.of()).refusedStatus());
    }

    // ---- many and slow clients ----

    @Test
    void twoHundredClientsAllGetEveryUpdate() throws Exception {
        serve();
        List<WsTestClient> clients = new ArrayList<>();
        List<CompletableFuture<WsTestClient>> connecting = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connecting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return open();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<WsTestClient> f : connecting) {
            WsTestClient c = f.get(30, TimeUnit.SECONDS);
            assertEquals("initial_status", c.next().get("type").getAsString());
            clients.add(c);
        }
        assertEquals(200, server.ws.clientCount());
        server.clock.advance(Duration.ofMinutes(5));

        assertEquals(202, Http.to(server).post("/chargepriority/api/update").status());

        for (WsTestClient c : clients) {
            JsonObject m = c.next("status_update");
            assertEquals(OffsetDateTime.parse("2025-01-18T20:05:00+01:00"),
                    OffsetDateTime.parse(m.get("last_updated").getAsString()));
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutDelayingTheOthers() throws Exception {
        WebTestServer.Options o = new WebTestServer.Options();
        o.maxPending = 4;
        o.sendBufferBytes = 4096; // small kernel buffers, so a client that does not read fills them quickly
        serve(o);
        WsTestClient fast1 = open();
        WsTestClient fast2 = open();
        fast1.next("initial_status");
        fast2.next("initial_status");
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.base.getPort()), 5000);
            handshake(slow);
            assertEquals(3, server.ws.clientCount());

            int changes = 100;
            Http http = Http.to(server);
            for (int i = 0; i < changes; i++) {
                // Each change is broadcast from the request's own thread: a blocking send would hang it here.
                assertEquals(200, http.put("/chargepriority/api/settings/threshold?threshold=" + (60 + i % 2), null)
                        .status());
            }

            for (WsTestClient fast : List.of(fast1, fast2)) {
                for (int i = 0; i < changes; i++) {
                    assertEquals(60 + i % 2, fast.next("status_update").get("charge_threshold").getAsInt());
                }
            }
            assertEquals(2, server.ws.clientCount(), "the slow client was dropped");
            long received = drain(slow);
            assertTrue(received < changes * 1000L, "the slow client never got all " + changes + " updates: "
                    + received + " bytes");
        }
    }

    /** A WebSocket handshake by hand, on a socket the test then never reads from. */
    private void handshake(Socket s) throws IOException {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + WS + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.ws.clientCount() < 3 && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /** Reads what the server had sent until it closed the connection; the byte count. */
    private static long drain(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        long total = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (SocketException e) {
            // reset: the server gave up on the connection
        }
        return total;
    }
}
