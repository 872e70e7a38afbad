package org.openhab.binding.chargepriority.internal.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;

/** Extra cars in the standalone cfg file: {@code car.<id>.kind=http}. */
class HttpCarsConfigTest {

    @Test
    void httpCarsAreReadWithTheirSettingsAndAreNeverInMockMode() {
        StandaloneConfig c = new StandaloneConfig(Map.of("car.leaf.kind", "http", "car.leaf.name", "Nissan Leaf",
                "car.leaf.batteryCapacity", "39", "car.van.kind", "http", "car.van.maxAge", "120"));
        Map<String, PushedVehicle.Settings> cars = c.httpCars();
        assertEquals(new PushedVehicle.Settings("Nissan Leaf", 39, 18, Duration.ofMinutes(60)), cars.get("leaf"));
        assertEquals(new PushedVehicle.Settings("van", 60, 18, Duration.ofMinutes(120)), cars.get("van"));
        assertFalse(c.settings().mockMode("leaf"));
        assertTrue(c.settings().mockMode("tesla"), "the seed cars keep their default");
    }

    @Test
    void aWrongCarEntryNamesItsKey() {
        assertEquals("car.x.kind", key(Map.of("car.x.kind", "bmw")));
        assertEquals("car.Tesla 2.kind", key(Map.of("car.Tesla 2.kind", "http")));
        assertEquals("car.tesla.kind", key(Map.of("car.tesla.kind", "http")));
        assertEquals("car.x.batteryCapacity", key(Map.of("car.x.kind", "http", "car.x.batteryCapacity", "5")));
        assertEquals("car.x.maxAge", key(Map.of("car.x.kind", "http", "car.x.maxAge", "ten")));
    }

    @Test
    void addingACarToARunningRuntimeSaysThatItNeedsARestart() {
        java.time.Clock clock = java.time.Clock.systemUTC();
        var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        var household = new org.openhab.binding.chargepriority.internal.core.Household(
                org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation
                        .create(clock, 59.9, 10.7,
                                org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation
                                        .defaultProfiles())
                        .slots(Map.of()),
                org.openhab.binding.chargepriority.internal.core.HouseholdSettings.defaults(), null, clock, executor,
                org.openhab.binding.chargepriority.internal.core.StatusEnricher.NONE,
                org.openhab.binding.chargepriority.internal.core.Household.SettingsPersister.NONE);
        try {
            ConfigChanges.apply(new StandaloneConfig(Map.of()),
                    new StandaloneConfig(Map.of("car.leaf.kind", "http")), household, clock,
                    new RealVehicles(java.nio.file.Path.of("target", "no-data")), Map.of());
            assertTrue(household.recentErrors().stream()
                    .anyMatch(e -> "RestartRequired".equals(e.errorType()) && e.message().contains("car.leaf.kind")),
                    household.recentErrors().toString());
        } finally {
            household.close();
            executor.shutdownNow();
        }
    }

    private static String key(Map<String, Object> properties) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new StandaloneConfig(properties).httpCars());
        return e.field();
    }
}
