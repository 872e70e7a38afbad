package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts the executable jar as a user would, with the repository's default configuration (both cars
 * simulated), and checks what a user sees first: healthy, both cars with a recommendation and a priority,
 * history being kept, nothing logged as an error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeStartIT {

    private static RuntimeProcess runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeProcess.create("start");
        Duration startup = runtime.start();
        System.out.printf("chargepriority.jar healthy %d ms after process start (port %d)%n", startup.toMillis(),
                runtime.port());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void healthAnswersHealthy() {
        HttpResponse<String> response = runtime.get("/chargepriority/health");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", mediaType(response));
        JsonObject health = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals("healthy", health.get("status").getAsString(), response.body());
    }

    @Test
    @Order(2)
    void statusShowsBothCarsTheirRecommendationsAndThePriority() {
        HttpResponse<String> response = runtime.get("/chargepriority/api/status");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject status = JsonParser.parseString(response.body()).getAsJsonObject();
        for (String car : List.of("tesla", "ioniq")) {
            JsonObject vehicle = status.getAsJsonObject(car);
            assertTrue(vehicle.has("battery_percent") && vehicle.has("range_km"), car + ": " + vehicle);
            JsonObject recommendation = status.getAsJsonObject(car + "_recommendation");
            assertTrue(recommendation.has("action") && recommendation.has("reason"), car + ": " + recommendation);
        }
        assertTrue(status.has("priority_vehicle"), response.body());
        assertFalse(status.get("priority_vehicle").isJsonNull(), response.body());
    }

    @Test
    @Order(3)
    void rootRedirectsToTheDashboard() {
        HttpResponse<String> response = runtime.get("/");

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/chargepriority/"),
                response.headers().map().toString());
    }

    @Test
    @Order(4)
    void historyDatabaseFillsWithBothCars() {
        Path db = runtime.dataDir().resolve("charging_manager.db");
        assertTrue(Files.isRegularFile(db), db + " missing");

        Map<String, Long> readings = HistoryDatabase.awaitReadings(db, perCar -> perCar.size() == 2);

        assertEquals(2, readings.size(), "readings per car: " + readings);
        assertTrue(HistoryDatabase.count(db, "recommendations") >= 2);
        assertEquals(Map.of(), HistoryDatabase.countsByVehicle(db, "errors"), "errors recorded");
    }

    @Test
    @Order(5)
    void logsNoError() {
        assertTrue(Files.isRegularFile(runtime.appLog()), runtime.appLog() + " missing");

        assertEquals(List.of(), runtime.errorLines());
    }

    private static String mediaType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }
}
