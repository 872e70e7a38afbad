package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Two real Teslas in the standalone runtime: the built-in one of {@code tesla.*} and a second one declared as
 * {@code car.model3.kind=tesla} with a VIN of its own, against a local stand-in for Tesla's sign-in service and Fleet
 * API. One sign-in at {@code /chargepriority/oauth/tesla} serves both, one token refresh renews the login for both,
 * each is read by its own VIN, and the second one's mock mode is switched at run time like the built-in one's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeTeslasIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VIN = "XP7YGCEK5PB000001";
    private static final String VIN2 = "XP7YGCEK5PB000002";
    private static final String FIRST_ACCESS = "access-from-the-sign-in";
    private static final String RENEWED_ACCESS = "access-after-the-refresh";
    private static final Pattern VEHICLE = Pattern.compile("/api/1/vehicles/([A-Z0-9]{17})(/vehicle_data)?");
    private static final Path FIXTURES = Path.of("../binding/src/test/resources/tesla");

    private static HttpServer tesla;
    private static final AtomicInteger codeExchanges = new AtomicInteger();
    private static final AtomicInteger refreshes = new AtomicInteger();
    private static final Map<String, AtomicInteger> dataReads = new ConcurrentHashMap<>();
    private static RuntimeProcess runtime;

    @BeforeAll
    static void start() throws IOException {
        String online = Files.readString(FIXTURES.resolve("vehicle-online.json"));
        Map<String, String> data = Map.of(VIN, Files.readString(FIXTURES.resolve("vehicle-data-charging.json")), VIN2,
                Files.readString(FIXTURES.resolve("vehicle-data-no-location.json")));
        tesla = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tesla.createContext("/oauth2/v3/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String grant = formValue(form, "grant_type");
            if ("authorization_code".equals(grant)) {
                codeExchanges.incrementAndGet();
                // Runs out within the renewal margin: the first read renews it.
                respond(exchange, 200, token(FIRST_ACCESS, "EU_refresh-1", 60));
            } else if ("refresh_token".equals(grant) && "EU_refresh-1".equals(formValue(form, "refresh_token"))) {
                refreshes.incrementAndGet();
                respond(exchange, 200, token(RENEWED_ACCESS, "EU_refresh-2", 28800));
            } else {
                refreshes.incrementAndGet();
                respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token spent\"}");
            }
        });
        tesla.createContext("/api/1/vehicles/", exchange -> {
            Matcher m = VEHICLE.matcher(exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + RENEWED_ACCESS).equals(auth)) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            } else if (!m.matches() || !data.containsKey(m.group(1))) {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            } else if (m.group(2) == null) {
                respond(exchange, 200, online.replace(VIN, m.group(1)));
            } else {
                dataReads.computeIfAbsent(m.group(1), vin -> new AtomicInteger()).incrementAndGet();
                respond(exchange, 200, data.get(m.group(1)));
            }
        });
        tesla.start();
        String base = "http://127.0.0.1:" + tesla.getAddress().getPort();
        runtime = RuntimeProcess.create("teslas").withConfig("tesla.clientId", "client-id-of-the-app")
                .withConfig("tesla.clientSecret", "ta-secret.of-the-app").withConfig("tesla.vin", VIN)
                .withConfig("tesla.authorizeUrl", base + "/oauth2/v3/authorize")
                .withConfig("tesla.tokenUrl", base + "/oauth2/v3/token").withConfig("tesla.apiBaseUrl", base)
                .withConfig("teslaMockMode", "false").withConfig("car.model3.kind", "tesla")
                .withConfig("car.model3.vin", VIN2).withConfig("car.model3.name", "Tesla Model 3")
                .withConfig("car.model3.mockMode", "false");
        runtime.start();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (tesla != null) {
            tesla.stop(0);
        }
    }

    @Test
    @Order(1)
    void oneSignInServesBothTeslasWithOneRefreshAndEachIsReadByItsOwnVin() throws IOException {
        JsonObject model3 = vehicle("model3");
        assertEquals("tesla", model3.get("kind").getAsString());
        assertEquals("Tesla Model 3", model3.get("name").getAsString());
        assertFalse(model3.get("mock_mode").getAsBoolean());

        // One sign-in: the runtime sends the browser to Tesla, Tesla calls back with a code.
        HttpResponse<String> signIn = runtime.get("/chargepriority/oauth/tesla");
        assertEquals(302, signIn.statusCode(), "one account, no question which: " + signIn.body());
        URI authorize = URI.create(signIn.headers().firstValue("Location").orElseThrow());
        String state = formValue(authorize.getRawQuery(), "state");
        HttpResponse<String> callback = runtime
                .get("/chargepriority/oauth/tesla/callback?code=EU_the-code&state=" + state);
        assertEquals(200, callback.statusCode(), callback.body());

        RuntimeProcess.await("both Teslas read from the Fleet API", WAIT,
                () -> source("tesla").equals("fleet-api") && source("model3").equals("fleet-api"));
        assertEquals(57, battery("tesla"), 0.01);
        assertEquals(34, battery("model3"), 0.01, "the second Tesla is read by its own VIN");
        assertEquals("Tesla Model 3", vehicle("model3").getAsJsonObject("status").get("vehicle_name").getAsString());
        assertEquals(1, codeExchanges.get());
        assertEquals(1, refreshes.get(), "one refresh of the shared login for both cars");
        assertEquals(1, dataReads.get(VIN).get());
        assertEquals(1, dataReads.get(VIN2).get());

        Path tokens = runtime.dataDir().resolve("tesla");
        assertTrue(Files.exists(tokens.resolve("tesla-tokens-standalone-EU.json")), "one token file for both");
        assertFalse(Files.exists(tokens.resolve("tesla-tokens.json")));
        String account = vehicle("model3").getAsJsonObject("diagnostics").get("account").getAsString();
        assertEquals(account, vehicle("tesla").getAsJsonObject("diagnostics").get("account").getAsString());
    }

    @Test
    @Order(2)
    void theSecondTeslasMockModeIsSwitchedAtRunTimeAndWrittenBack() throws IOException {
        HttpResponse<String> mock = runtime.send("PUT", "/chargepriority/api/settings/mock-mode/model3",
                "{\"enabled\": true}");
        assertEquals(200, mock.statusCode(), mock.body());
        RuntimeProcess.await("model3 simulated", WAIT, () -> source("model3").equals("simulation"));
        assertTrue(vehicle("model3").get("mock_mode").getAsBoolean());
        assertEquals("fleet-api", source("tesla"), "the built-in Tesla stays real");
        Path cfg = runtime.confDir().resolve(RuntimeProcess.CONFIG_FILE);
        RuntimeProcess.await("car.model3.mockMode=true in the cfg file", WAIT,
                () -> read(cfg).contains("\ncar.model3.mockMode=true\n"));

        HttpResponse<String> back = runtime.send("PUT", "/chargepriority/api/settings/mock-mode/model3",
                "{\"enabled\": false}");
        assertEquals(200, back.statusCode(), back.body());
        RuntimeProcess.await("model3 real again", WAIT, () -> source("model3").equals("fleet-api"));
        RuntimeProcess.await("car.model3.mockMode=false in the cfg file", WAIT,
                () -> read(cfg).contains("\ncar.model3.mockMode=false\n"));
        String errors = runtime.get("/chargepriority/api/errors?hours=1").body();
        assertFalse(errors.contains("RestartRequired"), "the runtime's own write is no restart: " + errors);
        assertEquals(1, refreshes.get(), "still the one refresh");
        assertEquals(List.of(), runtime.errorLines());
    }

    @Test
    @Order(3)
    void aChangedTeslaKeyOpensBothTeslasAgainOnTheSavedSignIn() {
        int model3Reads = dataReads.get(VIN2).get();

        runtime.withConfig("tesla.monthlyBudgetUsd", "7");

        RuntimeProcess.await("both Teslas opened again", WAIT, () -> read(runtime.consoleLog())
                .contains("the model3 connection was re-created") && vehicle("tesla").getAsJsonObject("diagnostics")
                        .get("budget_usd").getAsDouble() == 7.0);
        RuntimeProcess.await("model3 read again", WAIT, () -> dataReads.get(VIN2).get() > model3Reads);
        RuntimeProcess.await("model3 read without an error", WAIT, () -> vehicle("model3").get("error").isJsonNull());
        assertEquals("fleet-api", source("model3"));
        assertEquals(1, refreshes.get(), "the saved login serves the new connections: no sign-in, no refresh");
        assertEquals(vehicle("tesla").getAsJsonObject("diagnostics").get("account").getAsString(),
                vehicle("model3").getAsJsonObject("diagnostics").get("account").getAsString());
        assertEquals(200, runtime.send("PUT", "/chargepriority/api/settings/mock-mode/model3", "{\"enabled\": true}")
                .statusCode());
        assertEquals(List.of(), runtime.errorLines());
    }

    private static JsonObject vehicle(String id) {
        HttpResponse<String> r = runtime.get("/chargepriority/api/status");
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("vehicles").getAsJsonObject(id);
    }

    private static String source(String id) {
        JsonObject v = vehicle(id);
        return v.get("status").isJsonNull() ? "" : v.getAsJsonObject("status").get("source").getAsString();
    }

    private static double battery(String id) {
        return vehicle(id).getAsJsonObject("status").get("battery_percent").getAsDouble();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String token(String access, String refresh, int expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
                + "\",\"id_token\":\"x.y.z\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
    }

    private static String formValue(String form, String key) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && key.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
