package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The whole REST API, its errors and the WebSocket protocol against the real standalone runtime, then a restart that
 * keeps settings and history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeApiIT {

    private static RuntimeProcess runtime;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        runtime = RuntimeProcess.create("api");
        runtime.start();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(runtime.uri(path)).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static void assertError(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        JsonObject o = json(r);
        assertTrue(o.has("error") && o.has("detail"), r.body());
        assertFalse(o.get("detail").getAsString().isBlank(), r.body());
    }

    @Test
    @Order(1)
    void everyReadEndpointAnswers() throws Exception {
        assertEquals("healthy", json(runtime.get("/chargepriority/health")).get("status").getAsString());
        JsonObject status = json(runtime.get("/chargepriority/api/status"));
        assertTrue(status.get("next_update").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"),
                status.toString());
        JsonObject settings = json(runtime.get("/chargepriority/api/settings"));
        assertEquals(80, settings.get("charge_threshold").getAsInt());
        assertTrue(settings.get("tesla_mock_mode").getAsBoolean());
        JsonObject scheduler = json(runtime.get("/chargepriority/api/scheduler"));
        assertTrue(scheduler.get("is_running").getAsBoolean());
        assertEquals("update_vehicles", scheduler.getAsJsonArray("jobs").get(0).getAsJsonObject().get("id").getAsString());
        assertTrue(json(runtime.get("/chargepriority/api/history?hours=24")).getAsJsonArray("readings").size() >= 2);
        assertTrue(json(runtime.get("/chargepriority/api/recommendations?hours=24")).getAsJsonArray("recommendations")
                .size() >= 2);
        assertTrue(json(runtime.get("/chargepriority/api/errors?hours=24")).has("errors"));
        HttpResponse<String> page = runtime.get("/chargepriority/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("priority-banner"));
    }

    @Test
    @Order(2)
    void badInputGetsAClearErrorAndChangesNothing() throws Exception {
        assertError(422, send("PUT", "/chargepriority/api/settings/threshold?threshold=49", null));
        assertError(422, send("PUT", "/chargepriority/api/settings/threshold?threshold=101", null));
        assertError(422, send("PUT", "/chargepriority/api/settings/threshold?threshold=abc", null));
        assertError(400, runtime.get("/chargepriority/api/history?hours=0"));
        assertError(400, runtime.get("/chargepriority/api/history?hours=2161"));
        assertError(400, runtime.get("/chargepriority/api/history?hours=ten"));
        assertError(404, send("PUT", "/chargepriority/api/settings/mock-mode/bmw", "{\"enabled\": true}"));
        assertError(400, send("PUT", "/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": "));
        assertError(400, send("PUT", "/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": \"yes\"}"));
        assertError(409, send("PUT", "/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": false}"));
        assertError(405, send("DELETE", "/chargepriority/api/status", null));
        assertError(404, runtime.get("/chargepriority/api/nothing"));
        assertError(413, send("PUT", "/chargepriority/api/simulation/ioniq", "{\"x\":\"" + "a".repeat(40_000) + "\"}"));
        JsonObject settings = json(runtime.get("/chargepriority/api/settings"));
        assertEquals(80, settings.get("charge_threshold").getAsInt(), "nothing half-applied");
        assertTrue(settings.get("tesla_mock_mode").getAsBoolean());
    }

    /** A WebSocket client that queues every text message it receives. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonObject next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                JsonObject m = messages.poll(1, TimeUnit.SECONDS);
                if (m != null && type.equals(m.get("type").getAsString())) {
                    return m;
                }
            }
            throw new AssertionError("no " + type + " message");
        }
    }

    private static Client connect(String origin) {
        Client c = new Client();
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            b.header("Origin", origin);
        }
        c.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + runtime.port() + "/chargepriority/ws"), c).join();
        return c;
    }

    @Test
    @Order(3)
    void webSocketProtocolWithManyClients() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(connect(i % 2 == 0 ? "http://127.0.0.1:" + runtime.port() : null));
        }
        for (Client c : clients) {
            JsonObject initial = c.next("initial_status");
            assertTrue(initial.has("tesla") && initial.has("priority_vehicle"), initial.toString());
        }
        Client first = clients.get(0);
        first.socket.sendText("{\"type\":\"ping\"}", true).join();
        assertTrue(first.next("pong").has("timestamp"));
        first.socket.sendText("{not json", true).join();
        assertTrue(first.next("error").toString().length() > 0);
        first.socket.sendText("{\"type\":\"dance\"}", true).join();
        first.next("error");

        HttpResponse<String> put = send("PUT", "/chargepriority/api/settings/threshold?threshold=85", null);
        assertEquals(200, put.statusCode(), put.body());
        for (Client c : clients) {
            JsonObject update = c.next("status_update");
            assertEquals(85.0, update.getAsJsonObject("tesla_recommendation").get("threshold").getAsDouble(),
                    update.toString());
        }
        assertEquals(202, send("POST", "/chargepriority/api/update", null).statusCode());
        for (Client c : clients) {
            c.next("status_update");
        }
        first.socket.sendText("{\"type\":\"ping\"}", true).join();
        first.next("pong");
        for (Client c : clients) {
            c.socket.abort();
        }
    }

    @Test
    @Order(4)
    void crossSiteWebSocketAndWritesAreRefused() throws Exception {
        CompletionException e = assertThrows(CompletionException.class, () -> connect("http://evil.example"));
        assertTrue(String.valueOf(e.getCause()).contains("403") || e.getCause() instanceof java.net.http.WebSocketHandshakeException,
                String.valueOf(e.getCause()));
        HttpRequest foreign = HttpRequest.newBuilder(runtime.uri("/chargepriority/api/settings/threshold?threshold=90"))
                .header("Origin", "http://evil.example").PUT(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = HTTP.send(foreign, HttpResponse.BodyHandlers.ofString());
        assertError(403, r);
        assertEquals(85, json(runtime.get("/chargepriority/api/settings")).get("charge_threshold").getAsInt());
    }

    @Test
    @Order(5)
    void simulationCanBeSetForDemos() throws Exception {
        HttpResponse<String> r = send("PUT", "/chargepriority/api/simulation/ioniq",
                "{\"battery_percent\": 12, \"at_home\": true, \"charging\": false}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject status = json(runtime.get("/chargepriority/api/status"));
        assertEquals(12.0, status.getAsJsonObject("ioniq").get("battery_percent").getAsDouble(), 0.2, status.toString());
        assertEquals("CHARGE", status.getAsJsonObject("ioniq_recommendation").get("action").getAsString());
        assertError(422, send("PUT", "/chargepriority/api/simulation/ioniq", "{\"battery_percent\": 120}"));
    }

    @Test
    @Order(6)
    void aRestartKeepsSettingsAndHistory() throws Exception {
        long readings = json(runtime.get("/chargepriority/api/history?hours=24")).getAsJsonArray("readings").size();
        int exit = runtime.stop();
        assertTrue(exit == 0 || exit == 143, "graceful stop on SIGTERM, exit " + exit);
        String cfg = Files.readString(runtime.confDir().resolve(RuntimeProcess.CONFIG_FILE));
        assertTrue(cfg.matches("(?s).*chargeThreshold\\s*=\\s*85\\b.*"), "the threshold is written back to the configuration file");
        assertTrue(cfg.matches("(?s).*geocoding\\.enabled\\s*=\\s*false.*") && cfg.matches("(?s).*homeLatitude\\s*=.*"),
                "the other keys are kept: " + cfg);
        runtime.start();
        assertEquals(85, json(runtime.get("/chargepriority/api/settings")).get("charge_threshold").getAsInt());
        JsonObject status = json(runtime.get("/chargepriority/api/status"));
        assertEquals(85.0, status.getAsJsonObject("ioniq_recommendation").get("threshold").getAsDouble());
        assertTrue(json(runtime.get("/chargepriority/api/history?hours=24")).getAsJsonArray("readings").size() > readings,
                "history kept and growing");
        // The simulated Ioniq continues from its last state instead of jumping back to its start value.
        assertTrue(status.getAsJsonObject("ioniq").get("battery_percent").getAsDouble() < 30, status.toString());
        assertEquals(List.of(), runtime.errorLines());
    }
}
