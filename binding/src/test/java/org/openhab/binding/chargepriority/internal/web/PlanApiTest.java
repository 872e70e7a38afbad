package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The night plan over real HTTP and a real WebSocket: {@code GET /api/plan}, a car's departures by
 * {@code GET/PUT /api/vehicles/{id}/departure} (bad input refused whole, with the field named), and the
 * {@code plan_update} message. The server's clock is a Saturday 20:00 in Oslo with both simulated cars at home.
 */
class PlanApiTest {

    private static final Pattern OSLO_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+01:00");
    private static final String TESLA = "/chargepriority/api/vehicles/tesla/departure";

    @TempDir
    Path dir;
    WebTestServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        server = WebTestServer.start(dir);
        http = Http.to(server);
        http.post("/chargepriority/api/update");
        waitFor(() -> http.get("/chargepriority/api/status").json().get("last_updated").isJsonPrimitive());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!check.ok()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(50);
        }
    }

    private Http.Answer put(String path, String body) throws Exception {
        return http.put(path, body, "Content-Type", "application/json");
    }

    private static void assertError(Http.Answer a, int status, String code, String field) {
        assertEquals(status, a.status(), a::toString);
        JsonObject o = a.json();
        assertEquals(code, o.get("error").getAsString(), a::toString);
        assertFalse(o.get("detail").getAsString().isBlank());
        assertEquals(field, o.get("field").getAsString(), a::toString);
    }

    @Test
    void withoutDeparturesAndPricesThePlanSaysTheRuleDecides() throws Exception {
        JsonObject plan = http.get("/chargepriority/api/plan").json();
        assertFalse(plan.get("active").getAsBoolean());
        assertEquals("No departure and no prices: the snapshot rule decides", plan.get("message").getAsString());
        assertTrue(plan.get("charge_now").getAsBoolean(), "both cars are below the threshold: the rule charges");
        assertEquals("none", plan.getAsJsonObject("prices").get("source").getAsString());
        JsonObject status = http.get("/chargepriority/api/status").json();
        assertFalse(status.has("charge_now"), "the seed's status fields stay as they are");
    }

    @Test
    void aDepartureMakesThePlanDecideAndShowsInEveryPart() throws Exception {
        JsonObject none = http.get(TESLA).json();
        assertEquals("", none.get("departures_text").getAsString());
        assertEquals(80, none.get("effective_target_percent").getAsInt(), "the threshold by default");
        assertEquals(75.0, none.get("effective_battery_capacity_kwh").getAsDouble(), 1e-9);
        assertEquals("default", none.get("battery_capacity_source").getAsString(), "the simulated Model Y's");

        Http.Answer a = put(TESLA, "{\"departures\": \"Mon-Fri 07:30\", \"target_percent\": 90}");
        assertEquals(200, a.status(), a::toString);
        JsonObject d = a.json();
        assertEquals("Mon-Fri 07:30", d.get("departures_text").getAsString());
        assertEquals("07:30", d.getAsJsonObject("departures").get("mon").getAsString());
        assertTrue(d.getAsJsonObject("departures").get("sat").isJsonNull());
        assertEquals(90, d.get("target_percent").getAsInt());

        JsonObject plan = http.get("/chargepriority/api/plan").json();
        assertTrue(plan.get("active").getAsBoolean(), plan::toString);
        JsonObject tesla = car(plan.getAsJsonArray("vehicles"), "tesla");
        assertEquals("2025-01-20T07:30:00+01:00", tesla.get("departure").getAsString(), "Monday's departure");
        assertEquals(90.0, tesla.get("target_percent").getAsDouble(), 1e-9);
        assertEquals(90.0, tesla.get("expected_percent").getAsDouble(), 0.5, "a night is enough for 26 % of 75 kWh");
        JsonArray slots = plan.getAsJsonArray("slots");
        assertFalse(slots.isEmpty());
        for (JsonElement e : slots) {
            JsonObject slot = e.getAsJsonObject();
            assertTrue(OSLO_TIME.matcher(slot.get("start").getAsString()).matches(), slot::toString);
            assertTrue(slot.get("price").isJsonNull(), "no price source configured");
        }
        assertEquals("2025-01-18T20:00:00+01:00", slots.get(0).getAsJsonObject().get("start").getAsString(),
                "the plan starts now");
        String message = plan.get("message").getAsString();
        assertTrue(message.contains("Tesla Model Y"), message);
        assertFalse(plan.get("message_nb").getAsString().equals(message));
        assertTrue(plan.getAsJsonArray("reasons").asList().stream()
                .anyMatch(r -> "NO_PRICES".equals(r.getAsJsonObject().get("code").getAsString())));
        // The status's priority follows the plan: without prices the urgent night starts at once.
        JsonObject status = http.get("/chargepriority/api/status").json();
        assertEquals(plan.get("priority_vehicle_id"), status.get("priority_vehicle_id"));
        assertEquals(status.get("priority_reason").getAsString(), message);

        // A day removed with null, the target back to the threshold with null; the rest stays.
        d = put(TESLA, "{\"departures\": {\"fri\": null, \"sat\": \"09:15\"}, \"target_percent\": null}").json();
        assertEquals("Mon-Thu 07:30, Sat 09:15", d.get("departures_text").getAsString());
        assertTrue(d.get("target_percent").isJsonNull());
        assertEquals(80, d.get("effective_target_percent").getAsInt());
    }

    @Test
    void badDeparturesAreRefusedWholeWithTheFieldNamed() throws Exception {
        put(TESLA, "{\"departures\": \"Mon-Fri 07:30\"}");
        JsonObject before = http.get(TESLA).json();
        assertError(put(TESLA, "{\"departures\": \"Mon-Fri 06:00\", \"target_percent\": 5}"), 422, "invalid_value",
                "target_percent");
        assertError(put(TESLA, "{\"departures\": \"Mon-Fri 06:00\", \"target_percent\": 80.5}"), 422,
                "invalid_value", "target_percent");
        assertError(put(TESLA, "{\"departures\": \"Someday 07:30\"}"), 422, "invalid_value", "departures");
        assertError(put(TESLA, "{\"departures\": {\"mon\": \"25:00\"}}"), 422, "invalid_value", "departures");
        assertError(put(TESLA, "{\"departures\": {\"monday\": \"07:00\"}}"), 400, "unknown_field", "departures");
        assertError(put(TESLA, "{\"departures\": 730}"), 400, "invalid_type", "departures");
        assertError(put(TESLA, "{\"battery_capacity_kwh\": 900}"), 422, "invalid_value", "battery_capacity_kwh");
        assertError(put(TESLA, "{\"target\": 80}"), 400, "unknown_field", "target");
        Http.Answer empty = put(TESLA, "{}");
        assertEquals(400, empty.status());
        assertEquals("missing_field", empty.json().get("error").getAsString());
        assertEquals(before, http.get(TESLA).json(), "nothing was applied");
        assertError(put("/chargepriority/api/vehicles/bmw/departure", "{\"departures\": \"07:00\"}"), 404,
                "unknown_vehicle", "vehicle");
        Http.Answer post = http.send("POST", TESLA, HttpRequest.BodyPublishers.noBody());
        assertEquals(405, post.status());
        String allow = post.header("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("PUT") && !allow.contains("POST"), allow);
    }

    @Test
    void aPlanUpdateReachesWebSocketClients() throws Exception {
        WebSocketClient jetty = new WebSocketClient();
        jetty.start();
        try {
            WsTestClient c = WsTestClient.open(jetty, server.ws("/chargepriority/ws"), server.origin());
            c.next("initial_status");
            put("/chargepriority/api/vehicles/ioniq/departure", "{\"departures\": \"07:30\"}");
            JsonObject m = c.next("plan_update");
            assertTrue(m.get("active").getAsBoolean());
            assertTrue(OSLO_TIME.matcher(m.get("timestamp").getAsString()).matches());
            assertEquals("2025-01-19T07:30:00+01:00", car(m.getAsJsonArray("vehicles"), "ioniq")
                    .get("departure").getAsString(), "every day: Sunday's");
        } finally {
            jetty.stop();
        }
    }

    private static JsonObject car(JsonArray cars, String id) {
        for (JsonElement e : cars) {
            if (id.equals(e.getAsJsonObject().get("id").getAsString())) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + id + " in " + cars);
    }
}
