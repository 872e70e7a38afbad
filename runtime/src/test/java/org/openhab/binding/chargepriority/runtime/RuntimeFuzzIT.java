package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every REST endpoint and the WebSocket fed random input from a fixed seed: random bytes, huge bodies, wrong types,
 * odd Unicode, malformed HTTP, thousands of requests in parallel. Every answer of the API is 2xx for valid input or a
 * 4xx with a JSON error, never a 5xx; the server still answers afterwards; the settings are always a valid state and
 * the one of an acknowledged change.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeFuzzIT {

    private static final long SEED = 20261129L;
    private static final String[] VEHICLES = { "tesla", "ioniq", "bmw", "", "t%C3%A9sla", "..", "tesla%2Fx" };
    private static final String[] METHODS = { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD" };
    private static final String[] ODD = { "", " ", "0", "-1", "1e9", "NaN", "Infinity", "1.5", "85", "50", "100",
            "99999999999999999999", "0x55", "٨٥", "８５", "85\u0000", "\u202e85", "😀", "null", "true", "[]", "{}",
            "%", "%zz", "%00", "a".repeat(3000), "\ud800", "'; DROP TABLE battery_readings; --" };

    private static RuntimeProcess runtime;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Thresholds that a PUT got 200 for; the final setting must be one of them (or the start value). */
    private static final Set<Integer> acknowledgedThresholds = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> statuses = new TreeMap<>();

    @BeforeAll
    static void start() {
        runtime = RuntimeProcess.create("fuzz");
        runtime.start();
        acknowledgedThresholds.add(80);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            System.out.println("fuzz: answers by status " + statuses);
            runtime.close();
        }
    }

    private static String paths(Random r) {
        String v = VEHICLES[r.nextInt(VEHICLES.length)];
        String[] all = { "/chargepriority/health", "/chargepriority/api/status", "/chargepriority/api/update",
                "/chargepriority/api/history", "/chargepriority/api/recommendations", "/chargepriority/api/errors",
                "/chargepriority/api/settings", "/chargepriority/api/settings/threshold",
                "/chargepriority/api/settings/mock-mode/" + v, "/chargepriority/api/scheduler",
                "/chargepriority/api/simulation/" + v, "/chargepriority/api/" + junkSegment(r),
                "/chargepriority/api/settings/threshold/" + junkSegment(r), "/chargepriority/api//status" };
        return all[r.nextInt(all.length)];
    }

    private static String junkSegment(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(URLEncoder.encode(String.valueOf((char) (0x20 + r.nextInt(0x2fff))), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String query(Random r) {
        if (r.nextInt(4) == 0) {
            return "";
        }
        String[] keys = { "hours", "threshold", "step_minutes", "token", "x", "" };
        StringBuilder q = new StringBuilder("?");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            String value = r.nextInt(3) == 0 ? String.valueOf(r.nextInt(3000) - 500) : ODD[r.nextInt(ODD.length)];
            q.append(keys[r.nextInt(keys.length)]).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private static byte[] body(Random r) {
        switch (r.nextInt(12)) {
            case 0:
                return null;
            case 1: {
                byte[] b = new byte[r.nextInt(2048)];
                r.nextBytes(b);
                return b;
            }
            case 2:
                return ("{\"enabled\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3:
                return "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
            case 4:
                return ("{\"enabled\":" + ODD[r.nextInt(ODD.length)] + "}").getBytes(StandardCharsets.UTF_8);
            case 5:
                return "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8);
            case 6:
                return ("{\"battery_percent\":" + (r.nextInt(300) - 100) + ",\"charging\":" + r.nextBoolean() + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 7:
                return "{\"enabled\":true,\"enabled\":false}".getBytes(StandardCharsets.UTF_8);
            case 8:
                return ("{\"" + ODD[r.nextInt(ODD.length)] + "\":1}").getBytes(StandardCharsets.UTF_8);
            case 9:
                return new byte[] { (byte) 0xff, (byte) 0xfe, '{', '}' };
            case 10:
                return ("{\"battery_percent\":\"" + ODD[r.nextInt(ODD.length)] + "\"}").getBytes(StandardCharsets.UTF_8);
            default:
                return ("{\"at_home\":" + r.nextBoolean() + ",\"schedule\":" + r.nextBoolean() + "}")
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest request(Random r) {
        String method = METHODS[r.nextInt(METHODS.length)];
        String path = paths(r);
        String q = query(r);
        if (path.endsWith("/threshold") && r.nextInt(3) == 0) {
            method = "PUT";
            q = "?threshold=" + (40 + r.nextInt(70));
        }
        byte[] body = body(r);
        HttpRequest.Builder b = HttpRequest.newBuilder(runtime.uri(path + q)).timeout(Duration.ofSeconds(40));
        String[] types = { "application/json", "text/plain", "application/json; charset=latin1", "multipart/form-data",
                "application/x-www-form-urlencoded" };
        if (body != null) {
            b.header("Content-Type", types[r.nextInt(types.length)]);
        }
        if (r.nextInt(5) == 0) {
            b.header("Origin", r.nextBoolean() ? "http://evil.example" : "null");
        }
        if (r.nextInt(8) == 0) {
            b.header("Authorization", "Bearer " + ODD[r.nextInt(ODD.length)].replaceAll("[^\\x21-\\x7e]", "x"));
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return b.build();
    }

    private static void check(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        synchronized (statuses) {
            statuses.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger()).incrementAndGet();
        }
        String what = request.method() + " " + request.uri() + " -> " + status + " " + shorten(response.body());
        assertTrue(status < 500, what);
        if (status >= 400 && !"HEAD".equals(request.method())) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
            JsonObject o = JsonParser.parseString(response.body()).getAsJsonObject();
            assertTrue(o.has("error") && o.has("detail"), what);
        }
        String q = request.uri().getRawQuery();
        if (status == 200 && "PUT".equals(request.method()) && request.uri().getPath().endsWith("/threshold")
                && q != null && q.startsWith("threshold=")) {
            acknowledgedThresholds.add(Integer.parseInt(q.substring("threshold=".length())));
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Test
    @Order(1)
    void randomRequestsOneAfterAnotherGetA2xxOrAJson4xx() throws Exception {
        Random r = new Random(SEED);
        for (int i = 0; i < 1500; i++) {
            HttpRequest request = request(r);
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError("no answer to " + request.method() + " " + request.uri() + " "
                        + request.headers().map() + " body " + request.bodyPublisher().map(p -> p.contentLength())
                                .orElse(-1L) + " bytes: " + e, e);
            }
            check(request, response);
        }
        assertSettingsValid();
    }

    @Test
    @Order(2)
    void thousandsOfParallelRequestsGetA2xxOrAJson4xxAndLeaveNoStuckThread() throws Exception {
        Random r = new Random(SEED + 1);
        Semaphore inFlight = new Semaphore(128);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4000; i++) {
            HttpRequest request = request(r);
            inFlight.acquire();
            all.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .thenAccept(response -> check(request, response)).whenComplete((v, e) -> {
                        inFlight.release();
                        if (e != null) {
                            failures.add(e);
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(3,
                TimeUnit.MINUTES);
        assertEquals(List.of(), failures.stream().limit(5).map(Throwable::toString).toList());
        assertEquals(200, runtime.get("/chargepriority/health").statusCode(), "answers afterwards");
        assertSettingsValid();
    }

    @Test
    @Order(3)
    void malformedHttpIsRefusedAndTheServerStaysUp() throws Exception {
        Random r = new Random(SEED + 2);
        List<byte[]> raw = new ArrayList<>(List.of(
                "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "GET /chargepriority/api/status HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                ("GET /chargepriority/api/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                "PUT /chargepriority/api/settings/threshold?threshold=85 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n{"
                        .getBytes(StandardCharsets.US_ASCII),
                "GET /chargepriority/api/%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "POST /chargepriority/api/update HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[1 + r.nextInt(4096)];
            r.nextBytes(b);
            raw.add(b);
        }
        for (byte[] bytes : raw) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), runtime.port())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                if (head.startsWith("HTTP/1.1 ")) {
                    int status = Integer.parseInt(head.substring(9, 12));
                    // 505 is Jetty's own, correct answer to a request line with HTTP/9.9, before any binding code.
                    assertTrue(status < 500 || status == 505, "raw request answered " + status);
                }
            } catch (IOException e) {
                // the server may close the connection without an answer: fine
            }
        }
        assertEquals(200, runtime.get("/chargepriority/health").statusCode());
    }

    @Test
    @Order(4)
    void webSocketGarbageNeverHurtsTheServer() throws Exception {
        Random r = new Random(SEED + 3);
        AtomicInteger errorsAnswered = new AtomicInteger();
        for (int c = 0; c < 20; c++) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + runtime.port()
                    + "/chargepriority/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            if (data.toString().contains("\"type\":\"error\"")) {
                                errorsAnswered.incrementAndGet();
                            }
                            webSocket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(null);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(null);
                        }
                    }).get(10, TimeUnit.SECONDS);
            try {
                for (int i = 0; i < 20 && !closed.isDone(); i++) {
                    switch (r.nextInt(5)) {
                        case 0 -> ws.sendText(ODD[r.nextInt(ODD.length)], true).get(5, TimeUnit.SECONDS);
                        case 1 -> ws.sendText("{\"type\":" + ODD[r.nextInt(ODD.length)] + "}", true).get(5,
                                TimeUnit.SECONDS);
                        case 2 -> {
                            byte[] b = new byte[r.nextInt(8192)];
                            r.nextBytes(b);
                            ws.sendBinary(ByteBuffer.wrap(b), true).get(5, TimeUnit.SECONDS);
                        }
                        case 3 -> ws.sendText("x".repeat(5000 + r.nextInt(20000)), true).get(5, TimeUnit.SECONDS);
                        default -> ws.sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
                    }
                }
            } catch (Exception e) {
                // closed by the server (1009 too big, 1003 binary): fine
            }
            ws.abort();
        }
        assertTrue(errorsAnswered.get() > 0, "garbage text is answered with an error message");
        assertEquals(200, runtime.get("/chargepriority/health").statusCode());
        HttpResponse<String> status = runtime.get("/chargepriority/api/status");
        assertEquals(200, status.statusCode());
    }

    @Test
    @Order(5)
    void nothingWasLoggedAsAnError() {
        assertEquals(List.of(), runtime.errorLines());
    }

    /** The settings are a valid whole: a threshold someone was told was applied, the rest untouched. */
    private static void assertSettingsValid() throws IOException {
        JsonObject s = JsonParser.parseString(runtime.get("/chargepriority/api/settings").body()).getAsJsonObject();
        int threshold = s.get("charge_threshold").getAsInt();
        assertTrue(threshold >= 50 && threshold <= 100 && s.get("charge_threshold").getAsDouble() == threshold,
                s.toString());
        assertTrue(acknowledgedThresholds.contains(threshold), threshold + " was never acknowledged: " + s);
        assertEquals(60, s.get("update_interval_minutes").getAsInt(), s.toString());
        assertEquals(90, s.get("retention_days").getAsInt(), s.toString());
        assertTrue(s.get("tesla_mock_mode").getAsBoolean() && s.get("ioniq_mock_mode").getAsBoolean(), s.toString());
        Properties file = new Properties();
        file.load(new StringReader(Files.readString(runtime.confDir().resolve(RuntimeProcess.CONFIG_FILE))));
        assertTrue(acknowledgedThresholds.contains(Integer.parseInt(file.getProperty("chargeThreshold"))),
                "file: " + file.getProperty("chargeThreshold"));
        assertEquals("data", file.getProperty("dataDir"), "the configuration file is whole");
    }
}
