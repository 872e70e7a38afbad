package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.SchedulerStatus;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.openhab.binding.chargepriority.internal.testutil.FakeCar;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * The REST API over real HTTP: every endpoint's shape and meaning, and every kind of bad input answered with the
 * right status, a JSON body naming the problem, and nothing changed.
 */
class ApiServletTest {

    /** ISO-8601 with the Oslo winter offset, as the original's timestamps but with the offset. */
    private static final Pattern OSLO_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+01:00");

    @TempDir
    Path dir;
    WebTestServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        server = WebTestServer.start(dir);
        http = Http.to(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static void assertError(Http.Answer a, int status, String code, String field) {
        assertEquals(status, a.status(), a::toString);
        assertTrue(a.header("Content-Type").orElse("").startsWith("application/json"), a::toString);
        JsonObject o = a.json();
        assertEquals(code, o.get("error").getAsString(), a::toString);
        assertFalse(o.get("detail").getAsString().isBlank(), a::toString);
        if (field != null) {
            assertEquals(field, o.get("field").getAsString(), a::toString);
        }
    }

    private int threshold() throws Exception {
        return http.get("/chargepriority/api/settings").json().get("charge_threshold").getAsInt();
    }

    // ---- status, health, update ----

    @Test
    void anHttpCarTakesItsValuesByPutAndABadRequestChangesNothing() throws Exception {
        server.close();
        WebTestServer.Options o = new WebTestServer.Options();
        PushedVehicle garage = new PushedVehicle("garage-car", new PushedVehicle.Settings("Nissan Leaf", 39, 17,
                java.time.Duration.ofMinutes(60)), server.clock);
        o.pushed = List.of(garage);
        server = WebTestServer.start(dir.resolve("http-car"), o);
        http = Http.to(server);
        String path = "/chargepriority/api/vehicles/garage-car/status";

        Http.Answer put = http.put(path, "{\"battery_percent\": 18, \"at_home\": true, \"is_charging\": false}",
                "Content-Type", "application/json");
        assertEquals(200, put.status(), put::toString);
        JsonObject car = put.json();
        assertEquals("vehicle", car.get("kind").getAsString());
        assertEquals(18.0, car.getAsJsonObject("status").get("battery_percent").getAsDouble(), 1e-9);
        assertEquals("pushed", car.getAsJsonObject("status").get("source").getAsString());
        assertEquals("CHARGE", car.getAsJsonObject("recommendation").get("action").getAsString());
        JsonObject status = http.get("/chargepriority/api/status").json();
        assertEquals("garage-car", status.get("priority_vehicle_id").getAsString(), "below the minimum: urgent");
        assertEquals(Set.of("tesla", "ioniq", "garage-car"), status.getAsJsonObject("vehicles").keySet());
        assertTrue(status.getAsJsonObject("tesla").has("battery_percent"), "the seed fields stay");

        // One good value and one bad: nothing is applied.
        assertError(http.put(path, "{\"battery_percent\": 90, \"latitude\": 95, \"longitude\": 10}",
                "Content-Type", "application/json"), 422, "invalid_value", "latitude");
        assertError(http.put(path, "{\"battery_percent\": 90, \"latitude\": 59.9}", "Content-Type",
                "application/json"), 400, "missing_field", "longitude");
        assertError(http.put(path, "{\"soc\": 90}", "Content-Type", "application/json"), 400, "unknown_field", "soc");
        assertEquals(18.0, http.get("/chargepriority/api/vehicles/garage-car").json().getAsJsonObject("status")
                .get("battery_percent").getAsDouble(), 1e-9);
        assertError(http.put("/chargepriority/api/vehicles/tesla/status", "{\"battery_percent\": 50}",
                "Content-Type", "application/json"), 409, "not_pushed", "vehicle");
    }

    @Test
    void carsGoByTheirThingIdsAndTheSeedFieldsShowTheFirstCarOfEachKind() throws Exception {
        server.close();
        WebTestServer.Options o = new WebTestServer.Options();
        o.simulatedCars = List.of(new Simulation.Car("modely", VehicleKind.TESLA, "Tesla Model Y"),
                new Simulation.Car("model3", VehicleKind.TESLA, "Tesla Model 3"),
                new Simulation.Car("kona", VehicleKind.IONIQ, "Hyundai Ioniq 5"));
        o.settings = new HouseholdSettings(80, 60, 20, 50, 10, 90,
                Map.of("modely", true, "model3", true, "kona", true));
        server = WebTestServer.start(dir.resolve("many"), o);
        http = Http.to(server);

        JsonObject status = http.get("/chargepriority/api/status").json();
        JsonObject vehicles = status.getAsJsonObject("vehicles");
        assertEquals(List.of("modely", "model3", "kona"), List.copyOf(vehicles.keySet()));
        assertEquals(List.of("tesla", "tesla", "ioniq"),
                vehicles.keySet().stream().map(id -> vehicles.getAsJsonObject(id).get("kind").getAsString()).toList());
        assertEquals(vehicles.getAsJsonObject("modely").get("status"), status.get("tesla"), "the first Tesla");
        assertEquals(vehicles.getAsJsonObject("modely").get("recommendation"), status.get("tesla_recommendation"));
        assertEquals(vehicles.getAsJsonObject("kona").get("status"), status.get("ioniq"), "the first Ioniq");
        assertEquals(vehicles.getAsJsonObject("kona").get("recommendation"), status.get("ioniq_recommendation"));
        for (String id : List.of("modely", "model3", "kona")) {
            assertFalse(status.has(id) || status.has(id + "_recommendation"), "no top-level field for " + id);
        }
        JsonObject settings = http.get("/chargepriority/api/settings").json();
        for (String key : List.of("tesla_mock_mode", "ioniq_mock_mode", "modely_mock_mode", "model3_mock_mode",
                "kona_mock_mode")) {
            assertTrue(settings.get(key).getAsBoolean(), key);
        }
        JsonObject health = http.get("/chargepriority/health").json();
        assertTrue(health.get("tesla_mock_mode").getAsBoolean() && health.get("ioniq_mock_mode").getAsBoolean());

        // The second Tesla nearly empty at home: the answer names it by its id.
        Http.Answer low = http.put("/chargepriority/api/simulation/model3",
                "{\"battery_percent\": 5, \"at_home\": true, \"charging\": false}");
        assertEquals(200, low.status(), low::toString);
        assertEquals("model3", low.json().get("priority_vehicle_id").getAsString());
        assertEquals("Tesla Model 3", low.json().get("priority_vehicle").getAsString());
        assertEquals(5.0, low.json().getAsJsonObject("vehicles").getAsJsonObject("model3").getAsJsonObject("status")
                .get("battery_percent").getAsDouble(), 1e-9);

        // The seed's paths name a kind: they reach the first car of that kind, as the seed's fields show it.
        Http.Answer seed = http.put("/chargepriority/api/simulation/tesla", "{\"battery_percent\": 61}");
        assertEquals(200, seed.status(), seed::toString);
        assertEquals(61.0, seed.json().getAsJsonObject("tesla").get("battery_percent").getAsDouble(), 1e-9);
        assertEquals(61.0, seed.json().getAsJsonObject("vehicles").getAsJsonObject("modely")
                .getAsJsonObject("status").get("battery_percent").getAsDouble(), 1e-9);
        Http.Answer mock = http.put("/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": true}");
        assertEquals(200, mock.status(), mock::toString);
        assertEquals("modely", mock.json().get("vehicle").getAsString());
        assertError(http.put("/chargepriority/api/settings/mock-mode/model3", "{\"enabled\": false}"), 409,
                "not_configured", "enabled");
        assertError(http.get("/chargepriority/api/vehicles/tesla"), 404, "unknown_vehicle", "vehicle");
        assertError(http.put("/chargepriority/api/simulation/vehicle", "{\"battery_percent\": 5}"), 404,
                "unknown_vehicle", "vehicle");
    }

    @Test
    void everyCarIsListedWithItsKindStatusAndAdviceAndCanBeAskedForAlone() throws Exception {
        JsonObject status = http.get("/chargepriority/api/status").json();
        JsonObject vehicles = status.getAsJsonObject("vehicles");
        assertEquals(Set.of("tesla", "ioniq"), vehicles.keySet());
        for (String id : List.of("tesla", "ioniq")) {
            JsonObject v = vehicles.getAsJsonObject(id);
            assertEquals(id, v.get("id").getAsString());
            assertEquals(id, v.get("kind").getAsString());
            assertEquals(status.getAsJsonObject(id), v.getAsJsonObject("status"), "the same status as the seed field");
            assertEquals(status.getAsJsonObject(id + "_recommendation"), v.getAsJsonObject("recommendation"));

            Http.Answer one = http.get("/chargepriority/api/vehicles/" + id);
            assertEquals(200, one.status(), one::toString);
            assertEquals(v, one.json());
        }
        assertError(http.get("/chargepriority/api/vehicles/bmw"), 404, "unknown_vehicle", "vehicle");
    }

    @Test
    void statusShowsBothCarsTheirRecommendationsAndTheHouseholdsAnswer() throws Exception {
        Http.Answer a = http.get("/chargepriority/api/status");

        assertEquals(200, a.status());
        assertEquals("application/json;charset=utf-8", a.header("Content-Type").orElseThrow().replace(" ", "")
                .toLowerCase());
        assertEquals("no-store", a.header("Cache-Control").orElseThrow());
        JsonObject o = a.json();
        for (String id : List.of("tesla", "ioniq")) {
            JsonObject car = o.getAsJsonObject(id);
            for (String field : List.of("vehicle_name", "battery_percent", "range_km", "is_charging", "location",
                    "last_updated", "is_mock", "charging_rate_kw", "latitude", "longitude", "address", "source",
                    "is_stale")) {
                assertTrue(car.has(field), id + " lacks " + field);
            }
            assertTrue(car.get("is_mock").getAsBoolean());
            assertEquals("simulation", car.get("source").getAsString());
            assertEquals("home", car.get("location").getAsString());
            assertTrue(OSLO_TIME.matcher(car.get("last_updated").getAsString()).matches(), car.toString());
            JsonObject rec = o.getAsJsonObject(id + "_recommendation");
            assertTrue(Set.of("CHARGE", "NO_CHARGE", "CONTINUE_CHARGING").contains(rec.get("action").getAsString()));
            assertFalse(rec.get("reason").getAsString().isBlank());
            assertFalse(rec.get("reason_nb").getAsString().isBlank());
        }
        assertEquals("Tesla Model Y", o.getAsJsonObject("tesla").get("vehicle_name").getAsString());
        assertTrue(Set.of("Tesla Model Y", "Hyundai Ioniq 5", "NONE").contains(o.get("priority_vehicle").getAsString()));
        assertFalse(o.get("priority_reason").getAsString().isBlank());
        assertEquals(80, o.get("charge_threshold").getAsInt());
        assertTrue(OSLO_TIME.matcher(o.get("last_updated").getAsString()).matches());
        assertTrue(OSLO_TIME.matcher(o.get("next_update").getAsString()).matches());
    }

    @Test
    void statusFollowsEachNewSnapshot() throws Exception {
        String before = http.get("/chargepriority/api/status").body();
        assertEquals(before, http.get("/chargepriority/api/status").body(), "same snapshot, same answer");

        server.updateAfter(Duration.ofMinutes(30));

        JsonObject after = http.get("/chargepriority/api/status").json();
        assertEquals(OffsetDateTime.parse("2025-01-18T20:30:00+01:00"),
                OffsetDateTime.parse(after.get("last_updated").getAsString()));
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        Http.Answer a = http.send("HEAD", "/chargepriority/api/status", BodyPublishers.noBody());
        assertEquals(200, a.status());
        assertEquals(0, a.bytes().length);
    }

    @Test
    void healthSaysHealthyWithMockModesAndScheduler() throws Exception {
        JsonObject o = http.get("/chargepriority/health").json();
        assertEquals("healthy", o.get("status").getAsString());
        assertTrue(o.get("tesla_mock_mode").getAsBoolean());
        assertTrue(o.get("ioniq_mock_mode").getAsBoolean());
        assertTrue(o.get("scheduler_running").getAsBoolean());
    }

    @Test
    void withoutAHouseholdHealthSaysStartingAndTheApiNotReady() throws Exception {
        server.registry.unregister(server.household);

        Http.Answer health = http.get("/chargepriority/health");
        assertEquals(503, health.status());
        assertEquals("starting", health.json().get("status").getAsString());
        assertError(http.get("/chargepriority/api/status"), 503, "not_ready", null);
    }

    @Test
    void updateAnswersAtOnceAndTheUpdateFollows() throws Exception {
        long readings = server.store.count("battery_readings");
        server.clock.advance(Duration.ofMinutes(10));

        Http.Answer a = http.post("/chargepriority/api/update");

        assertEquals(202, a.status());
        assertEquals("update triggered", a.json().get("status").getAsString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.store.count("battery_readings") < readings + 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(readings + 2, server.store.count("battery_readings"), "one reading per car");
        JsonObject status = http.get("/chargepriority/api/status").json();
        assertEquals(OffsetDateTime.parse("2025-01-18T20:10:00+01:00"),
                OffsetDateTime.parse(status.get("last_updated").getAsString()));
    }

    // ---- history, recommendations, errors ----

    @Test
    void historyHasTheOriginalReadingFieldsForBothCars() throws Exception {
        server.updateAfter(Duration.ofMinutes(60));
        server.updateAfter(Duration.ofMinutes(60));

        Http.Answer a = http.get("/chargepriority/api/history?hours=24");

        assertEquals(200, a.status());
        JsonArray readings = a.json().getAsJsonArray("readings");
        assertTrue(readings.size() >= 6, readings.toString());
        Set<String> vehicles = new HashSet<>();
        for (JsonElement e : readings) {
            JsonObject r = e.getAsJsonObject();
            for (String field : List.of("timestamp", "vehicle", "battery_percent", "range_km", "location",
                    "is_charging", "is_mock", "charging_rate_kw", "latitude", "longitude", "address", "source",
                    "is_stale")) {
                assertTrue(r.has(field), "reading lacks " + field + ": " + r);
            }
            assertTrue(OSLO_TIME.matcher(r.get("timestamp").getAsString()).matches(), r.toString());
            assertEquals("simulation", r.get("source").getAsString());
            assertFalse(r.get("is_stale").getAsBoolean());
            vehicles.add(r.get("vehicle").getAsString());
        }
        assertEquals(Set.of("Tesla Model Y", "Hyundai Ioniq 5"), vehicles);
        // oldest first
        List<OffsetDateTime> times = new ArrayList<>();
        readings.forEach(e -> times.add(OffsetDateTime.parse(e.getAsJsonObject().get("timestamp").getAsString())));
        List<OffsetDateTime> sorted = new ArrayList<>(times);
        sorted.sort(null);
        assertEquals(sorted, times);
    }

    @Test
    void historyLooksBackOnlyTheHoursAskedFor() throws Exception {
        server.updateAfter(Duration.ofHours(3));

        JsonArray lastHour = http.get("/chargepriority/api/history?hours=1").json().getAsJsonArray("readings");
        JsonArray day = http.get("/chargepriority/api/history?hours=24").json().getAsJsonArray("readings");

        assertEquals(2, lastHour.size(), "only the update of 3 h after the start");
        assertTrue(day.size() > lastHour.size());
    }

    @Test
    void historyDefaultsToTwentyFourHours() throws Exception {
        server.updateAfter(Duration.ofHours(25));
        assertEquals(2, http.get("/chargepriority/api/history").json().getAsJsonArray("readings").size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "2161", "-5", "abc", "1.5", "", "99999999999999", "24h" })
    void historyRefusesHoursOutsideOneTo2160(String hours) throws Exception {
        for (String endpoint : List.of("history", "recommendations", "errors")) {
            assertError(http.get("/chargepriority/api/" + endpoint + "?hours=" + hours), 400, "invalid_hours",
                    "hours");
        }
    }

    @Test
    void historyAcceptsTheLimits() throws Exception {
        assertEquals(200, http.get("/chargepriority/api/history?hours=1").status());
        assertEquals(200, http.get("/chargepriority/api/history?hours=2160").status());
    }

    @Test
    void historyWithAStepKeepsOneReadingPerCarPerStep() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.updateAfter(Duration.ofMinutes(10));
        }
        int all = http.get("/chargepriority/api/history?hours=2").json().getAsJsonArray("readings").size();

        JsonArray sampled = http.get("/chargepriority/api/history?hours=2&step_minutes=60").json()
                .getAsJsonArray("readings");

        assertTrue(all >= 12, "every reading without a step: " + all);
        assertTrue(sampled.size() >= 2 && sampled.size() <= 4, "at most one per car and hour: " + sampled);
        assertEquals(all, http.get("/chargepriority/api/history?hours=2&step_minutes=1").json()
                .getAsJsonArray("readings").size(), "a step shorter than the interval keeps every reading");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1441", "-1", "x", "2.5", "" })
    void historyRefusesAStepOutsideOneMinuteToADay(String step) throws Exception {
        assertError(http.get("/chargepriority/api/history?hours=24&step_minutes=" + step), 400, "invalid_step",
                "step_minutes");
    }

    @Test
    void recommendationsComeFromTheHistory() throws Exception {
        server.updateAfter(Duration.ofMinutes(60));

        JsonArray recs = http.get("/chargepriority/api/recommendations?hours=24").json()
                .getAsJsonArray("recommendations");

        assertTrue(recs.size() >= 4, recs.toString());
        JsonObject r = recs.get(0).getAsJsonObject();
        for (String field : List.of("timestamp", "vehicle", "action", "reason", "battery_percent", "threshold",
                "priority_score")) {
            assertTrue(r.has(field), "recommendation lacks " + field);
        }
        assertEquals(80.0, r.get("threshold").getAsDouble());
    }

    @Test
    void errorsComeFromTheHistoryNewestFirst() throws Exception {
        server.household.recordError("tesla_service", "TIMEOUT", "The car did not answer");
        server.clock.advance(Duration.ofMinutes(1));
        server.household.recordError("ioniq_service", "NO_ADAPTER", "No OBD adapter");

        JsonObject o = http.get("/chargepriority/api/errors?hours=24").json();

        assertEquals("history", o.get("source").getAsString());
        JsonArray errors = o.getAsJsonArray("errors");
        assertEquals(2, errors.size());
        JsonObject newest = errors.get(0).getAsJsonObject();
        assertEquals("ioniq_service", newest.get("service").getAsString());
        assertEquals("NO_ADAPTER", newest.get("error_type").getAsString());
        assertEquals("No OBD adapter", newest.get("message").getAsString());
        assertTrue(OSLO_TIME.matcher(newest.get("timestamp").getAsString()).matches());
    }

    @Test
    void whenTheDatabaseCannotBeReadErrorsComeFromMemoryAndHistorySaysSo() throws Exception {
        server.household.recordError("tesla_service", "TIMEOUT", "The car did not answer");
        server.store.close();

        JsonObject errors = http.get("/chargepriority/api/errors?hours=24").json();
        assertEquals("memory", errors.get("source").getAsString());
        assertEquals("The car did not answer",
                errors.getAsJsonArray("errors").get(0).getAsJsonObject().get("message").getAsString());

        assertError(http.get("/chargepriority/api/history?hours=24"), 503, "history_unavailable", null);
        assertError(http.get("/chargepriority/api/recommendations?hours=24"), 503, "history_unavailable", null);
    }

    // ---- settings ----

    @Test
    void settingsHaveTheOriginalFields() throws Exception {
        JsonObject o = http.get("/chargepriority/api/settings").json();
        assertEquals(80.0, o.get("charge_threshold").getAsDouble());
        assertEquals(60, o.get("update_interval_minutes").getAsInt());
        assertTrue(o.get("tesla_mock_mode").getAsBoolean());
        assertTrue(o.get("ioniq_mock_mode").getAsBoolean());
    }

    @Test
    void thresholdChangeAppliesAtOnceAndIsPersisted() throws Exception {
        Http.Answer a = http.put("/chargepriority/api/settings/threshold?threshold=85", null);

        assertEquals(200, a.status(), a::toString);
        assertEquals("success", a.json().get("status").getAsString());
        assertEquals(85, a.json().get("charge_threshold").getAsInt());
        assertEquals(85, threshold());
        JsonObject status = http.get("/chargepriority/api/status").json();
        assertEquals(85, status.get("charge_threshold").getAsInt());
        assertEquals(85.0, status.getAsJsonObject("tesla_recommendation").get("threshold").getAsDouble(),
                "recommendations recomputed with the new threshold");
        assertEquals(85, server.persisted.get(server.persisted.size() - 1).chargeThreshold(),
                "saved for the next start");
    }

    @ParameterizedTest
    @ValueSource(strings = { "threshold=49", "threshold=101", "threshold=abc", "threshold=85.5", "threshold=",
            "threshold=-80", "", "limit=85" })
    void thresholdRefusesAnythingButAWholeNumberFrom50To100(String query) throws Exception {
        Http.Answer a = http.put("/chargepriority/api/settings/threshold?" + query, null);

        assertError(a, 422, "invalid_threshold", "threshold");
        assertEquals(80, threshold(), "unchanged");
        assertTrue(server.persisted.isEmpty(), "nothing saved");
    }

    @Test
    void mockModeCannotBeSwitchedOffForACarWithoutARealConnection() throws Exception {
        Http.Answer a = http.put("/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": false}");

        assertError(a, 409, "not_configured", null);
        assertTrue(a.json().get("detail").getAsString().contains("Tesla"), a::toString);
        assertTrue(http.get("/chargepriority/api/settings").json().get("tesla_mock_mode").getAsBoolean());
    }

    @Test
    void mockModeSwitchToTheRealCarAndBack(@TempDir Path other) throws Exception {
        server.close();
        WebTestServer.Options o = new WebTestServer.Options();
        FakeCar real = FakeCar.tesla(new MutableClock(WebTestServer.START, WebTestServer.ZONE));
        o.realServices = Map.of("tesla", real);
        server = WebTestServer.start(other, o);
        http = Http.to(server);

        Http.Answer off = http.put("/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": false}");

        assertEquals(200, off.status(), off::toString);
        assertEquals("success", off.json().get("status").getAsString());
        assertEquals("tesla", off.json().get("vehicle").getAsString());
        assertFalse(off.json().get("mock_mode").getAsBoolean());
        assertFalse(http.get("/chargepriority/api/settings").json().get("tesla_mock_mode").getAsBoolean());
        assertFalse(server.persisted.get(server.persisted.size() - 1).mockMode("tesla"), "saved");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonObject tesla;
        do {
            Thread.sleep(10);
            JsonElement e = http.get("/chargepriority/api/status").json().get("tesla");
            tesla = e.isJsonNull() ? null : e.getAsJsonObject();
        } while ((tesla == null || !"fleet-api".equals(tesla.get("source").getAsString()))
                && System.nanoTime() < deadline);
        assertEquals("fleet-api", tesla.get("source").getAsString(), "read from the real car now");

        Http.Answer on = http.put("/chargepriority/api/settings/mock-mode/tesla", "{\"enabled\": true}");
        assertEquals(200, on.status());
        assertTrue(http.get("/chargepriority/api/settings").json().get("tesla_mock_mode").getAsBoolean());
    }

    @Test
    void mockModeForAnUnknownVehicleIs404() throws Exception {
        assertError(http.put("/chargepriority/api/settings/mock-mode/volvo", "{\"enabled\": true}"), 404,
                "unknown_vehicle", "vehicle");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"enabled\": \"yes\"}", "{\"enabled\": 1}", "{\"enabled\": null}", "{}",
            "{\"enabled\": true, \"extra\": 1}", "[true]", "true", "not json", "{\"enabled\": true", "{enabled: false}",
            "{'enabled': false}", "{\"enabled\": false} {}", "{\"enabled\": false /* no */}" })
    void mockModeRefusesMalformedOrWrongTypedBodies(String body) throws Exception {
        Http.Answer a = http.put("/chargepriority/api/settings/mock-mode/ioniq", body.replace("true", "false"));

        assertEquals(400, a.status(), a::toString);
        assertFalse(a.json().get("error").getAsString().isBlank());
        assertFalse(a.json().get("detail").getAsString().isBlank());
        assertTrue(http.get("/chargepriority/api/settings").json().get("ioniq_mock_mode").getAsBoolean(),
                "unchanged");
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        assertError(http.put("/chargepriority/api/settings/mock-mode/ioniq", "{\"enabled\": \"no\"}"), 400,
                "invalid_type", "enabled");
        assertError(http.put("/chargepriority/api/settings/mock-mode/ioniq", "{\"enable\": false}"), 400,
                "unknown_field", "enable");
        assertError(http.put("/chargepriority/api/settings/mock-mode/ioniq", ""), 400, "missing_body", null);
    }

    @Test
    void bodiesAreStrictUtf8() throws Exception {
        byte[] latin1 = { '{', '"', 'e', (byte) 0xE9, '"', ':', 't', 'r', 'u', 'e', '}' };
        Http.Answer a = http.send("PUT", "/chargepriority/api/settings/mock-mode/ioniq",
                BodyPublishers.ofByteArray(latin1));
        assertError(a, 400, "invalid_json", null);
    }

    @Test
    void aDeeplyNestedBodyIsABadRequestNotACrash() throws Exception {
        String deep = "[".repeat(15000);
        assertEquals(400, http.put("/chargepriority/api/settings/mock-mode/ioniq", deep).status());
    }

    @Test
    void tooLargeBodiesAreRefusedWith413() throws Exception {
        String big = "{\"enabled\": false, \"pad\": \"" + "x".repeat(17 * 1024) + "\"}";

        assertError(http.put("/chargepriority/api/settings/mock-mode/ioniq", big), 413, "body_too_large", null);
        // Without a Content-Length (chunked), the limit holds while reading.
        Http.Answer chunked = http.send("PUT", "/chargepriority/api/settings/mock-mode/ioniq",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())));
        assertError(chunked, 413, "body_too_large", null);
        assertTrue(http.get("/chargepriority/api/settings").json().get("ioniq_mock_mode").getAsBoolean());
    }

    // ---- scheduler ----

    @Test
    void schedulerShowsTheNextRunAndItsJobs() throws Exception {
        JsonObject o = http.get("/chargepriority/api/scheduler").json();

        assertTrue(o.get("is_running").getAsBoolean());
        assertEquals(60, o.get("update_interval_minutes").getAsInt());
        assertTrue(OSLO_TIME.matcher(o.get("next_run_time").getAsString()).matches(), o.toString());
        Set<String> jobs = new HashSet<>();
        o.getAsJsonArray("jobs").forEach(j -> jobs.add(j.getAsJsonObject().get("id").getAsString()));
        assertTrue(jobs.contains("update_vehicles"), jobs.toString());
        assertTrue(jobs.contains("cleanup_old_data"), jobs.toString());
    }

    // ---- simulation ----

    @Test
    void simulationSetsACarsStateAndReturnsTheNewStatus() throws Exception {
        Http.Answer a = http.put("/chargepriority/api/simulation/ioniq",
                "{\"battery_percent\": 12, \"at_home\": true, \"plugged_in\": false, \"charging\": false}");

        assertEquals(200, a.status(), a::toString);
        JsonObject ioniq = a.json().getAsJsonObject("ioniq");
        assertEquals(12.0, ioniq.get("battery_percent").getAsDouble());
        assertFalse(ioniq.get("is_charging").getAsBoolean());
        assertEquals("home", ioniq.get("location").getAsString());
        assertEquals("CHARGE", a.json().getAsJsonObject("ioniq_recommendation").get("action").getAsString());
        assertEquals(12.0, http.get("/chargepriority/api/status").json().getAsJsonObject("ioniq")
                .get("battery_percent").getAsDouble(), "the status everyone sees");
    }

    @Test
    void simulationCanSendACarAway() throws Exception {
        JsonObject o = http.put("/chargepriority/api/simulation/tesla", "{\"at_home\": false}").json();
        assertEquals("away", o.getAsJsonObject("tesla").get("location").getAsString());
        assertEquals("NO_CHARGE", o.getAsJsonObject("tesla_recommendation").get("action").getAsString());
    }

    @Test
    void simulationRefusesBadInputAndChangesNothing() throws Exception {
        double before = http.get("/chargepriority/api/status").json().getAsJsonObject("ioniq").get("battery_percent")
                .getAsDouble();

        assertError(http.put("/chargepriority/api/simulation/ioniq", "{\"battery_percent\": 101}"), 422,
                "invalid_value", "battery_percent");
        assertError(http.put("/chargepriority/api/simulation/ioniq", "{\"battery_percent\": -1}"), 422,
                "invalid_value", "battery_percent");
        assertError(http.put("/chargepriority/api/simulation/ioniq", "{\"battery_percent\": \"50\"}"), 400,
                "invalid_type", "battery_percent");
        assertError(http.put("/chargepriority/api/simulation/ioniq",
                "{\"battery_percent\": 10, \"charging\": \"yes\"}"), 400, "invalid_type", "charging");
        assertError(http.put("/chargepriority/api/simulation/ioniq", "{\"battery\": 10}"), 400, "unknown_field",
                "battery");
        assertError(http.put("/chargepriority/api/simulation/ioniq", "{}"), 400, "missing_field", null);
        assertError(http.put("/chargepriority/api/simulation/volvo", "{\"battery_percent\": 10}"), 404,
                "unknown_vehicle", "vehicle");

        assertEquals(before, http.get("/chargepriority/api/status").json().getAsJsonObject("ioniq")
                .get("battery_percent").getAsDouble());
        server.updateAfter(Duration.ZERO);
        assertEquals(before, server.household.snapshot().vehicle("ioniq").status().batteryPercent(),
                "the simulated car itself is unchanged");
    }

    @Test
    void simulationIsRefusedWhenTheCarIsReadFromTheRealSource(@TempDir Path other) throws Exception {
        server.close();
        WebTestServer.Options o = new WebTestServer.Options();
        o.realServices = Map.of("tesla", FakeCar.tesla(new MutableClock(WebTestServer.START, WebTestServer.ZONE)));
        o.settings = o.settings.withMockMode("tesla", false);
        server = WebTestServer.start(other, o);
        http = Http.to(server);

        assertError(http.put("/chargepriority/api/simulation/tesla", "{\"battery_percent\": 10}"), 409,
                "not_in_mock_mode", "vehicle");
        assertEquals(55.0, http.get("/chargepriority/api/status").json().getAsJsonObject("tesla")
                .get("battery_percent").getAsDouble());
    }

    @Test
    void simulationDuringARunningUpdateStillShowsTheChange(@TempDir Path other) throws Exception {
        server.close();
        WebTestServer.Options o = new WebTestServer.Options();
        FakeCar realIoniq = FakeCar.parkedAtHome(new MutableClock(WebTestServer.START, WebTestServer.ZONE), "ioniq",
                "Hyundai Ioniq 5", DataSource.OBD);
        o.realServices = Map.of("ioniq", realIoniq);
        o.settings = o.settings.withMockMode("ioniq", false);
        server = WebTestServer.start(other, o);
        http = Http.to(server);
        // An update that has read the simulated Tesla and now hangs reading the real Ioniq.
        realIoniq.gate = new CountDownLatch(1);
        server.clock.advance(Duration.ofMinutes(2));
        CompletableFuture<HouseholdSnapshot> running = server.household.requestUpdate();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (realIoniq.fetches.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(running.isDone());

        CompletableFuture<Http.Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return http.put("/chargepriority/api/simulation/tesla", "{\"battery_percent\": 7}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitRequestWaitingForAnUpdate();
        assertFalse(answer.isDone(), "waits for an update that read the Tesla after the change");
        realIoniq.gate.countDown();

        Http.Answer a = answer.get(20, TimeUnit.SECONDS);
        assertEquals(200, a.status(), a::toString);
        assertEquals(7.0, a.json().getAsJsonObject("tesla").get("battery_percent").getAsDouble());
        assertNotEquals(7.0, running.get().vehicle("tesla").status().batteryPercent(),
                "the update that was running had read the Tesla before the change");
    }

    /** Until a request thread has applied the change and waits for the update's result. */
    private static void awaitRequestWaitingForAnUpdate() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
                String trace = Arrays.toString(stack);
                if (trace.contains("ApiServlet.simulation") && trace.contains("CompletableFuture.timedGet")) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        fail("The request never waited for the update");
    }

    // ---- methods, paths, bugs ----

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
        Http.Answer a = http.get("/chargepriority/api/update");
        assertError(a, 405, "method_not_allowed", null);
        assertTrue(a.header("Allow").orElseThrow().contains("POST"));

        Http.Answer b = http.send("DELETE", "/chargepriority/api/status", BodyPublishers.noBody());
        assertError(b, 405, "method_not_allowed", null);
        assertTrue(b.header("Allow").orElseThrow().contains("GET"));

        Http.Answer c = http.post("/chargepriority/api/settings/threshold?threshold=90");
        assertError(c, 405, "method_not_allowed", null);
        assertEquals("PUT, OPTIONS", c.header("Allow").orElseThrow());
        assertEquals(80, threshold());

        assertError(http.post("/chargepriority/health"), 405, "method_not_allowed", null);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertError(http.get("/chargepriority/api/nothing"), 404, "not_found", null);
        assertError(http.get("/chargepriority/api/"), 404, "not_found", null);
        assertError(http.put("/chargepriority/api/settings/mock-mode/", "{\"enabled\":true}"), 404, "not_found",
                null);
        assertError(http.put("/chargepriority/api/settings/mock-mode/tesla/x", "{\"enabled\":true}"), 404,
                "not_found", null);
    }

    @Test
    void aBugIsA500WithAJsonBody() throws Exception {
        Household broken = new Household(server.household.slots(), server.household.settings(), null, server.clock,
                server.executor, StatusEnricher.NONE, s -> {
                }) {
            @Override
            public synchronized SchedulerStatus schedulerStatus() {
                throw new IllegalStateException("a bug");
            }
        };
        server.registry.unregister(server.household);
        server.registry.register(broken);

        Http.Answer a = http.get("/chargepriority/api/scheduler");

        assertError(a, 500, "internal_error", null);
        assertFalse(a.body().contains("a bug"), "no internals in the answer");
        broken.close();
    }
}
