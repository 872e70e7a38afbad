package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The standalone runtime with more cars declared in {@code conf/chargepriority.cfg} than the built-in Tesla and Ioniq:
 * {@code car.<id>.kind=simulated|tesla|ioniq} are simulated on the same charger (a Tesla or an Ioniq in mock mode, as
 * declared without {@code mockMode}), take part in the decision by their own ids, in the order and with the names of
 * openHAB's cars, and continue from their last state of charge after a restart.
 */
class RuntimeMoreCarsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> ORDER = List.of("tesla", "model3", "ioniq", "kona", "van", "leaf");

    private static JsonObject json(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static void await(String what, BooleanSupplier condition) {
        RuntimeProcess.await(what, WAIT, condition);
    }

    @Test
    void carsOfEveryKindFromTheCfgFileTakePartAndSurviveARestart() {
        try (RuntimeProcess runtime = RuntimeProcess.create("more-cars").withConfig("car.van.kind", "simulated")
                .withConfig("car.van.model", "ioniq").withConfig("car.van.name", "Family van")
                .withConfig("car.model3.kind", "tesla").withConfig("car.kona.kind", "ioniq")
                .withConfig("car.kona.name", "Hyundai Kona").withConfig("car.leaf.kind", "http")
                .withConfig("car.leaf.name", "Nissan Leaf")) {
            runtime.start();
            JsonObject status = json(runtime.get("/chargepriority/api/status"));
            JsonObject vehicles = status.getAsJsonObject("vehicles");
            assertEquals(ORDER, List.copyOf(vehicles.keySet()), "Teslas, Ioniqs, then the http car, as in openHAB");
            assertCar(vehicles, "van", "ioniq", "Family van", true);
            assertCar(vehicles, "model3", "tesla", "model3", true);
            assertCar(vehicles, "kona", "ioniq", "Hyundai Kona", true);
            assertCar(vehicles, "leaf", "vehicle", "Nissan Leaf", false);
            assertCar(vehicles, "tesla", "tesla", "Tesla Model Y", true);
            assertEquals("Tesla Model Y", status.getAsJsonObject("tesla").get("vehicle_name").getAsString(),
                    "the seed's tesla is still the built-in one");
            assertEquals("Hyundai Ioniq 5", status.getAsJsonObject("ioniq").get("vehicle_name").getAsString());
            JsonObject settings = json(runtime.get("/chargepriority/api/settings"));
            assertTrue(settings.get("model3_mock_mode").getAsBoolean(), settings.toString());
            assertTrue(settings.get("kona_mock_mode").getAsBoolean(), settings.toString());

            // Without a VIN (or a serial port) there is no real car to switch to.
            HttpResponse<String> real = runtime.send("PUT", "/chargepriority/api/settings/mock-mode/model3",
                    "{\"enabled\": false}");
            assertEquals(409, real.statusCode(), real.body());
            assertEquals(409, runtime.send("PUT", "/chargepriority/api/settings/mock-mode/van",
                    "{\"enabled\": false}").statusCode(), "a simulated car is always simulated");

            // The van nearly empty at home: it gets the charger, by its own id.
            HttpResponse<String> put = runtime.send("PUT", "/chargepriority/api/simulation/van",
                    "{\"battery_percent\": 6, \"at_home\": true, \"charging\": false, \"plugged_in\": true}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(202, runtime.send("POST", "/chargepriority/api/update", null).statusCode());
            await("the van has priority", () -> "van"
                    .equals(json(runtime.get("/chargepriority/api/status")).get("priority_vehicle_id").getAsString()));
            JsonObject now = json(runtime.get("/chargepriority/api/status"));
            assertEquals("Family van", now.get("priority_vehicle").getAsString());
            assertEquals("CHARGE", now.getAsJsonObject("vehicles").getAsJsonObject("van")
                    .getAsJsonObject("recommendation").get("action").getAsString());
            double vanBefore = battery(now, "van");
            assertTrue(vanBefore < 10, "the van as set: " + vanBefore);

            runtime.stop();
            runtime.start();
            JsonObject after = json(runtime.get("/chargepriority/api/status"));
            assertEquals(ORDER, List.copyOf(after.getAsJsonObject("vehicles").keySet()));
            assertEquals(vanBefore, battery(after, "van"), 2,
                    "the van continues from where it was, not from its profile's start");
            assertEquals(List.of(), runtime.errorLines(), "no ERROR in the logs");
        }
    }

    private static void assertCar(JsonObject vehicles, String id, String kind, String name, boolean mockMode) {
        JsonObject car = vehicles.getAsJsonObject(id);
        assertEquals(kind, car.get("kind").getAsString(), id + ": " + car);
        assertEquals(name, car.get("name").getAsString(), id + ": " + car);
        assertEquals(mockMode, car.get("mock_mode").getAsBoolean(), id + ": " + car);
    }

    private static double battery(JsonObject status, String id) {
        return status.getAsJsonObject("vehicles").getAsJsonObject(id).getAsJsonObject("status")
                .get("battery_percent").getAsDouble();
    }
}
