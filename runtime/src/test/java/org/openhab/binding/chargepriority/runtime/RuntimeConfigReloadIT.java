package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Hand edits of {@code conf/chargepriority.cfg} in a running runtime: every {@code tesla.*}, {@code ioniq.*},
 * {@code home*} and {@code geocoding.*} key is applied without a restart (the car's connection, or the geofence and
 * geocoding, re-created), and a key that needs a restart says so in the log and in {@code /api/errors}. Nothing here
 * reaches the internet: every address points at a closed port of 127.0.0.1, and the Tesla has no login.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeConfigReloadIT {

    /** Bound for one edit to show; FileInstall polls every 2 s. */
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final String NOWHERE = "http://127.0.0.1:9";

    private static RuntimeProcess runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeProcess.create("reload");
        runtime.withConfig("tesla.clientId", "client-a").withConfig("tesla.vin", "XP7YGCEK5PB000001")
                .withConfig("tesla.authorizeUrl", NOWHERE + "/a").withConfig("tesla.tokenUrl", NOWHERE + "/t")
                .withConfig("tesla.apiBaseUrl", NOWHERE).withConfig("teslaMockMode", "false")
                .withConfig("ioniq.serialPort", runtime.workDir().resolve("adapter-a").toString())
                .withConfig("ioniqMockMode", "false");
        runtime.start();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void teslaKeysReCreateTheTeslaConnection() {
        edit("tesla.name", "Tesla A", () -> "Tesla A".equals(vehicle("tesla").get("name").getAsString()));
        edit("tesla.monthlyBudgetUsd", "7",
                () -> vehicle("tesla").getAsJsonObject("diagnostics").get("budget_usd").getAsDouble() == 7.0);
        edit("tesla.authorizeUrl", NOWHERE + "/b", () -> signInGoesTo().startsWith(NOWHERE + "/b?"));
        edit("tesla.clientId", "client-b", () -> signInGoesTo().contains("client_id=client-b"));
        edit("tesla.region", "NA", () -> true);
        edit("tesla.clientSecret", "secret-b-0123456789", () -> true);
        edit("tesla.vin", "XP7YGCEK5PB000002", () -> true);
        edit("tesla.tokenUrl", NOWHERE + "/t2", () -> true);
        edit("tesla.apiBaseUrl", NOWHERE + "/api2", () -> true);
        assertFalse(consoleLog().contains("secret-b-0123456789"), "no secret in the log");
    }

    @Test
    @Order(2)
    void ioniqKeysReCreateTheIoniqConnection() {
        String port = runtime.workDir().resolve("adapter-b").toString();
        edit("ioniq.serialPort", port, () -> port.equals(ioniqDiagnostics().get("adapter_port").getAsString()));
        edit("ioniq.probeIntervalMinutes", "15", () -> ioniqDiagnostics().get("probe_interval_s").getAsInt() == 900);
        edit("ioniq.lowVoltage", "12.0", () -> ioniqDiagnostics().get("low_voltage_limit_v").getAsDouble() == 12.0);
        edit("ioniq.awakeVoltage", "13.4", () -> ioniqDiagnostics().get("awake_voltage_v").getAsDouble() == 13.4);
        edit("ioniq.name", "Ioniq B", () -> "Ioniq B".equals(vehicle("ioniq").get("name").getAsString()));
        edit("ioniq.baudRate", "115200", () -> true);
        edit("ioniq.batteryCapacity", "70", () -> true);
        edit("ioniq.consumption", "17", () -> true);
        assertTrue(String.valueOf(vehicle("ioniq").get("error")).contains(port), vehicle("ioniq").toString());
    }

    @Test
    @Order(3)
    void homeAndGeocodingKeysReCreateTheGeofenceAndTheGeocoding() {
        edit("homeLatitude", "59.95", () -> true);
        edit("homeLongitude", "10.70", () -> true);
        edit("homeRadiusMeters", "200", () -> true);
        edit("geocoding.baseUrl", NOWHERE, () -> true);
        edit("geocoding.userAgent", "charge-priority-it", () -> true);
        edit("geocoding.enabled", "true", () -> true);
    }

    @Test
    @Order(4)
    void keysReadOnlyAtStartSayThatTheyNeedARestart() {
        for (String[] edit : List.of(new String[] { "timeZone", "UTC" },
                new String[] { "simulationScenario", "conf/none.json" }, new String[] { "dataDir", "data2" })) {
            runtime.withConfig(edit[0], edit[1]);
            String expected = edit[0] + " changed in the configuration: it is read only at start";
            awaitTrue(edit[0] + " reported", () -> runtime.get("/chargepriority/api/errors?hours=1").body()
                    .contains(expected) && consoleLog().contains(expected));
        }
        assertTrue(Files.notExists(runtime.workDir().resolve("data2")), "the history stays where it is");
        assertEquals(List.of(), runtime.errorLines());
    }

    /** Sets the key in the file and waits until the runtime logged it re-created what the key belongs to. */
    private static void edit(String key, String value, BooleanCheck applied) {
        long before = countReCreated(key);
        runtime.withConfig(key, value);
        awaitTrue(key + " applied", () -> countReCreated(key) > before && applied.test());
    }

    private static long countReCreated(String key) {
        Predicate<String> names = line -> line.contains("re-created") && line.matches(".*[\\[ ]" + java.util.regex.Pattern.quote(key) + "[,\\]].*");
        return consoleLog().lines().filter(names).count();
    }

    @FunctionalInterface
    private interface BooleanCheck {
        boolean test();
    }

    private static void awaitTrue(String what, BooleanCheck check) {
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            try {
                if (check.test()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet (e.g. the diagnostics of the new source)
            }
            if (System.nanoTime() > deadline) {
                fail(what + " within " + APPLY_TIMEOUT.toSeconds() + " s; status: "
                        + runtime.get("/chargepriority/api/status").body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonObject vehicle(String id) {
        JsonObject status = JsonParser.parseString(runtime.get("/chargepriority/api/status").body()).getAsJsonObject();
        return status.getAsJsonObject("vehicles").getAsJsonObject(id);
    }

    private static JsonObject ioniqDiagnostics() {
        return vehicle("ioniq").getAsJsonObject("diagnostics");
    }

    /** Where the Tesla sign-in sends the browser. */
    private static String signInGoesTo() {
        HttpResponse<String> r = runtime.get("/chargepriority/oauth/tesla");
        return r.statusCode() == 302 ? r.headers().firstValue("Location").orElse("") : "";
    }

    private static String consoleLog() {
        try {
            return Files.readString(runtime.consoleLog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
