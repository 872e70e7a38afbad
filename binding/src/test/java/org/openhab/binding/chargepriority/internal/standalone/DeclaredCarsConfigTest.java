package org.openhab.binding.chargepriority.internal.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;

/**
 * More cars in the standalone cfg file: {@code car.<id>.kind=simulated|tesla|ioniq} beside the built-in two, in the
 * order and with the names of {@code CarNames}, simulated on the one charger, a Tesla or an Ioniq also read from the
 * real car when its mock mode is off.
 */
class DeclaredCarsConfigTest {

    private static final String VIN2 = "XP7YGCEK5PB000002";

    @TempDir
    Path tmp;

    private static StandaloneConfig config(Object... keysAndValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new StandaloneConfig(p);
    }

    private static Map<String, String> names(StandaloneConfig c, Map<String, SimulationProfile> builtIn) {
        return StandaloneHousehold.names(builtIn, c.simulatedCars(), c.httpCars());
    }

    @Test
    void carsOfEveryKindAreReadWithTheirMockModesAndAreOrderedAndNamedAsInOpenHab() {
        StandaloneConfig c = config("car.van.kind", "simulated", "car.van.model", "ioniq", "car.van.name",
                "Family van", "car.model3.kind", "tesla", "car.kona.kind", "IONIQ", "car.leaf.kind", "http",
                "car.leaf.name", "Nissan Leaf", "car.cab.kind", "simulated");

        assertEquals(List.of(new StandaloneConfig.SimulatedCar("cab", VehicleKind.TESLA, null, false, true),
                new StandaloneConfig.SimulatedCar("kona", VehicleKind.IONIQ, null, true, true),
                new StandaloneConfig.SimulatedCar("model3", VehicleKind.TESLA, null, true, true),
                new StandaloneConfig.SimulatedCar("van", VehicleKind.IONIQ, "Family van", false, true)),
                c.simulatedCars());
        assertEquals(Map.of("tesla", true, "ioniq", true, "cab", true, "kona", true, "model3", true, "van", true,
                "leaf", false), c.settings().mockModes());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("tesla", "Tesla Model Y"); // the seed API's tesla: the built-in car, as always
        expected.put("cab", "cab"); // no name: its id
        expected.put("model3", "model3");
        expected.put("ioniq", "Hyundai Ioniq 5");
        expected.put("kona", "kona");
        expected.put("van", "Family van");
        expected.put("leaf", "Nissan Leaf");
        Map<String, String> names = names(c, Simulation.defaultProfiles());
        assertEquals(expected, names);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(names.keySet()), "Teslas, Ioniqs, then the rest");
    }

    @Test
    void aNameAnotherCarHasGetsTheIdInBracketsAndTheBuiltInCarsKeepTheirScenarioNames() throws IOException {
        Path scenario = tmp.resolve("scenario.json");
        Files.writeString(scenario, "{\"tesla\": {\"name\": \"Our Tesla\", \"capacity_kwh\": 60,"
                + " \"battery_percent\": 45}, \"ioniq\": {\"capacity_kwh\": 58}}", StandardCharsets.UTF_8);
        Map<String, SimulationProfile> builtIn = Simulation.profiles(scenario.toString());
        StandaloneConfig c = config("car.a.kind", "simulated", "car.a.name", "Our Tesla", "car.b.kind", "tesla",
                "car.b.name", "Hyundai Ioniq 5", "car.c.kind", "http", "car.c.name", "Hyundai Ioniq 5", "car.d.kind",
                "simulated", "car.d.model", "ioniq", "car.d.name", " Sam's car ");

        Map<String, String> names = names(c, builtIn);

        assertEquals("Our Tesla", names.get("tesla"));
        assertEquals("Our Tesla (a)", names.get("a"));
        assertEquals("Hyundai Ioniq 5", names.get("ioniq"), "the built-in cars keep their names: their history");
        assertEquals("Hyundai Ioniq 5 (b)", names.get("b"), "a Tesla before the Ioniq in the order");
        assertEquals(List.of("tesla", "a", "b", "ioniq", "d", "c"), List.copyOf(names.keySet()));
        assertEquals("Hyundai Ioniq 5 (c)", names.get("c"));
        assertEquals("Sam's car", names.get("d"));
        assertEquals(names.size(), Set.copyOf(names.values()).size(), "no two names alike: " + names);

        // Each declared car is simulated with its kind's scenario-shaped profile, under its own name.
        Simulation sim = Simulation.withBuiltInCars(Clock.systemUTC(), 59.9, 10.7, builtIn,
                name -> "Sam's car".equals(name) ? 11.0 : null,
                List.of(new Simulation.Car("a", VehicleKind.TESLA, "Our Tesla (a)"),
                        new Simulation.Car("d", VehicleKind.IONIQ, "Sam's car")));
        SimulationProfile a = sim.vehicle("a").profile();
        assertEquals("Our Tesla (a)", a.name());
        assertEquals(60, a.capacityKwh(), 1e-9, "the scenario's Tesla");
        assertEquals(45, a.initialBatteryPercent(), 1e-9, "nothing stored: the scenario's start");
        assertEquals(58, sim.vehicle("d").profile().capacityKwh(), 1e-9, "the scenario's Ioniq");
        assertEquals(11.0, sim.vehicle("d").profile().initialBatteryPercent(), 1e-9,
                "continues from its last state of charge, by its name");
        assertSame(sim.charger(), sim.charger(), "one charger");
    }

    @Test
    void aWrongCarEntryNamesItsKey() {
        assertEquals("car.x.kind", key(config("car.x.kind", "bmw")));
        assertEquals("car.x.model", key(config("car.x.kind", "simulated", "car.x.model", "leaf")));
        assertEquals("car.ioniq.kind", key(config("car.ioniq.kind", "simulated")));
        assertEquals("car.Van.kind", key(config("car.Van.kind", "simulated")));
        assertEquals("car." + "a".repeat(33) + ".kind", key(config("car." + "a".repeat(33) + ".kind", "tesla")));
        assertEquals("car.x.mockMode", key(config("car.x.kind", "tesla", "car.x.mockMode", "maybe")));
        assertEquals("car.x.mockMode", key(config("car.x.kind", "simulated", "car.x.mockMode", "false")));
        assertEquals("car.x.vin", key(config("car.x.kind", "tesla", "car.x.mockMode", "false")));
        assertEquals("tesla.clientId", key(config("car.x.kind", "tesla", "car.x.mockMode", "false", "car.x.vin",
                VIN2)));
        assertEquals("car.x.serialPort", key(config("car.x.kind", "ioniq", "car.x.mockMode", "false")));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> config("car.x.kind", "tesla", "car.x.mockMode", "false").settings());
        assertTrue(e.getMessage().contains("car.x.vin"), e.getMessage());
    }

    @Test
    void aRealTeslaOrIoniqWithAWrongConnectionValueNamesItsKeyAndLeavesNothingOpen() {
        RealVehicles real = new RealVehicles(tmp);
        assertEquals("car.x.vin", realKey(real, config("tesla.clientId", "client", "car.x.kind", "tesla",
                "car.x.vin", "not-a-vin")));
        assertEquals("car.x.monthlyBudgetUsd", realKey(real, config("tesla.clientId", "client", "car.x.kind",
                "tesla", "car.x.vin", VIN2, "car.x.monthlyBudgetUsd", "-1")));
        assertEquals("car.k.baudRate", realKey(real, config("car.k.kind", "ioniq", "car.k.serialPort",
                "/dev/rfcomm1", "car.k.baudRate", "0")));
        assertEquals("car.k.lowVoltage", realKey(real, config("car.k.kind", "ioniq", "car.k.serialPort",
                "/dev/rfcomm1", "car.k.lowVoltage", "9")));
    }

    @Test
    void aDeclaredTeslaAndIoniqGetRealSourcesOfTheirOwnAndEveryTeslaSharesTheOneSignIn() {
        StandaloneConfig c = config("tesla.clientId", "client", "tesla.vin", "XP7YGCEK5PB000001", "car.model3.kind",
                "tesla", "car.model3.vin", VIN2, "car.y.kind", "tesla", "car.kona.kind", "ioniq",
                "car.kona.serialPort", "/dev/rfcomm1", "car.kona.batteryCapacity", "64", "car.van.kind", "simulated");
        Map<String, String> names = names(c, Simulation.defaultProfiles());
        Map<String, VehicleService> real = new RealVehicles(tmp).create(c, Clock.systemUTC(), c.simulatedCars(),
                names);
        try {
            assertEquals(List.of("tesla", "kona", "model3"), List.copyOf(real.keySet()),
                    "the built-in Tesla first (it takes over an earlier login); y has no VIN, the van no real car");
            TeslaFleetService builtIn = (TeslaFleetService) real.get("tesla");
            TeslaFleetService model3 = (TeslaFleetService) real.get("model3");
            assertSame(builtIn.account(), model3.account(), "one sign-in");
            assertEquals("standalone-EU", model3.account().id());
            assertEquals(VIN2, model3.vin());
            assertEquals("model3", model3.name(), "read under its display name");
            assertEquals("Tesla Model Y", builtIn.name());
            IoniqObdService kona = (IoniqObdService) real.get("kona");
            assertEquals("kona", kona.name());
            assertEquals("/dev/rfcomm1", kona.diagnostics().get("adapter_port"));
        } finally {
            real.values().forEach(VehicleService::close);
        }
    }

    @Test
    void aDeclaredCarsMockModeIsWrittenBackAndAppliedAtOnceButItsOtherKeysNeedARestart() {
        HouseholdSettings s = config("car.model3.kind", "tesla").settings().withMockMode("model3", false);
        assertEquals("false", StandaloneConfig.toProperties(s, List.of("model3")).get("car.model3.mockMode"));
        assertEquals("true", StandaloneConfig.toProperties(s, List.of("model3")).get("teslaMockMode"));

        Clock clock = Clock.systemUTC();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        Simulation sim = Simulation.create(clock, 59.9, 10.7, null, name -> null,
                List.of(new Simulation.Car("model3", VehicleKind.TESLA, "model3")));
        List<VehicleSlot> slots = sim.slots(Map.of());
        Household household = new Household(slots, HouseholdSettings.defaults(), null, clock, executor,
                StatusEnricher.NONE, Household.SettingsPersister.NONE);
        try {
            StandaloneConfig before = config("car.model3.kind", "tesla");
            ConfigChanges.apply(before, config("car.model3.kind", "tesla", "car.model3.mockMode", "true"), household,
                    clock, new RealVehicles(tmp), Map.of());
            assertEquals(List.of(), household.recentErrors(), "a mock mode is a setting");
            ConfigChanges.apply(before, config("car.model3.kind", "tesla", "car.model3.vin", VIN2), household, clock,
                    new RealVehicles(tmp), Map.of());
            assertTrue(household.recentErrors().stream().anyMatch(e -> "RestartRequired".equals(e.errorType())
                    && e.message().contains("car.model3.vin")), household.recentErrors().toString());
        } finally {
            household.close();
            executor.shutdownNow();
        }
    }

    private static String key(StandaloneConfig c) {
        return assertThrows(InvalidSettingException.class, c::simulatedCars).field();
    }

    private static String realKey(RealVehicles real, StandaloneConfig c) {
        return assertThrows(InvalidSettingException.class, () -> real.create(c, Clock.systemUTC(),
                c.simulatedCars(), names(c, Simulation.defaultProfiles()))).field();
    }
}
