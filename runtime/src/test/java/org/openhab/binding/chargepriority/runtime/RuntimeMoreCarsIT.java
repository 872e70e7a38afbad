package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The standalone runtime with more cars declared in {@code conf/chargepriority.cfg} than the built-in Tesla and Ioniq:
 * {@code car.<id>.kind=simulated|tesla|ioniq} are simulated on the same charger, take part in the decision by their
 * own ids, and continue from their last state of charge after a restart.
 */
class RuntimeMoreCarsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
                .withConfig("car.model3.kind", "tesla").withConfig("car.leaf.kind", "http")
                .withConfig("car.leaf.name", "Nissan Leaf")) {
            runtime.start();
            JsonObject status = json(runtime.get("/chargepriority/api/status"));
            JsonObject vehicles = status.getAsJsonObject("vehicles");
            assertEquals(Set.of("tesla", "ioniq", "van", "model3", "leaf"), vehicles.keySet());
            assertEquals("ioniq", vehicles.getAsJsonObject("van").get("kind").getAsString());
            assertEquals("Family van", vehicles.getAsJsonObject("van").get("name").getAsString());
            assertEquals("tesla", vehicles.getAsJsonObject("model3").get("kind").getAsString());
            assertEquals("Tesla Model Y (model3)", vehicles.getAsJsonObject("model3").get("name").getAsString());
            assertEquals("Tesla Model Y", status.getAsJsonObject("tesla").get("vehicle_name").getAsString(),
                    "the seed's tesla is still the built-in one");
            assertEquals("Hyundai Ioniq 5", status.getAsJsonObject("ioniq").get("vehicle_name").getAsString());

            // The van nearly empty at home: it gets the charger, by its own id.
            HttpResponse<String> put = runtime.send("PUT", "/chargepriority/api/simulation/van",
                    "{\"battery_percent\": 6, \"at_home\": true, \"charging\": false, \"plugged_in\": true}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(202, runtime.send("POST", "/chargepriority/api/update", null).statusCode());
            await("the van has priority", () -> "van"
                    .equals(json(runtime.get("/chargepriority/api/status")).get("priority_vehicle_id").getAsString()));
            JsonObject now = json(runtime.get("/chargepriority/api/status"));
            assertEquals("Family van", now.get("priority_vehicle").getAsString());
            double vanBefore = now.getAsJsonObject("vehicles").getAsJsonObject("van").getAsJsonObject("status")
                    .get("battery_percent").getAsDouble();
            assertTrue(vanBefore < 10, "the van as set: " + vanBefore);

            runtime.stop();
            runtime.start();
            JsonObject after = json(runtime.get("/chargepriority/api/status")).getAsJsonObject("vehicles");
            assertEquals(Set.of("tesla", "ioniq", "van", "model3", "leaf"), after.keySet());
            double vanAfter = after.getAsJsonObject("van").getAsJsonObject("status").get("battery_percent")
                    .getAsDouble();
            assertEquals(vanBefore, vanAfter, 2, "the van continues from where it was, not from its profile's start");
            assertEquals(List.of(), runtime.errorLines(), "no ERROR in the logs");
        }
    }
}
