package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import static org.junit.jupiter.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;

/**
 * The simulated cars under an injected clock.
 */
class SimulatedVehicleTest {

    static final double HOME_LAT = 59.9139;
    static final double HOME_LON = 10.7522;

    @Test
    void aFreshStartShowsTwoDifferentPlausibleCars() {
        MutableClock clock = MutableClock.oslo("2026-11-29T20:00"); // a Sunday evening: both at home
        Simulation sim = Simulation.create(clock, HOME_LAT, HOME_LON, Simulation.defaultProfiles());
        VehicleStatus tesla = sim.vehicle("tesla").fetch();
        VehicleStatus ioniq = sim.vehicle("ioniq").fetch();
        assertEquals("Tesla Model Y", tesla.vehicleName());
        assertEquals("Hyundai Ioniq 5", ioniq.vehicleName());
        assertNotEquals(tesla.batteryPercent(), ioniq.batteryPercent());
        assertNotEquals(tesla.rangeKm(), ioniq.rangeKm());
        for (VehicleStatus s : List.of(tesla, ioniq)) {
            assertTrue(s.mock());
            assertEquals(DataSource.SIMULATION, s.source());
            assertTrue(s.batteryPercent() > 10 && s.batteryPercent() < 90, s.toString());
            // range follows capacity and consumption: 64 % of 75 kWh at 16.5 kWh/100 km = 290.9 km
            assertTrue(s.rangeKm() > 100 && s.rangeKm() < 450, s.toString());
            assertEquals(Location.HOME, s.location());
            assertEquals(clock.instant(), s.lastUpdated());
        }
        assertEquals(290.9, tesla.rangeKm(), 0.05);
    }

    @Test
    void drainsWhileDrivingAndIsAwayDuringTheTrip() {
        MutableClock clock = MutableClock.oslo("2026-11-30T07:00"); // Monday morning
        Simulation sim = Simulation.create(clock, HOME_LAT, HOME_LON, Simulation.defaultProfiles());
        SimulatedVehicle tesla = sim.vehicle("tesla");
        VehicleStatus before = tesla.fetch();
        assertEquals(Location.HOME, before.location());
        clock.advance(Duration.ofHours(3)); // 10:00: on its commute 07:40–16:30
        VehicleStatus during = tesla.fetch();
        assertEquals(Location.AWAY, during.location());
        assertNotEquals(HOME_LAT, during.latitude());
        assertTrue(during.batteryPercent() < before.batteryPercent());
        clock.advance(Duration.ofHours(8)); // 18:00: back home
        VehicleStatus after = tesla.fetch();
        assertEquals(Location.HOME, after.location());
        // 38 km x 16.5 kWh/100 km = 6.27 kWh = 8.36 % of 75 kWh, plus 0.5 %/day parked drain for the rest
        double used = before.batteryPercent() - after.batteryPercent();
        assertEquals(8.36 + 0.5 * 2 / 24, used, 0.15);
    }

    @Test
    void chargesAtItsPowerWhenConnectedAtHomeUpToItsLimit() {
        MutableClock clock = MutableClock.oslo("2026-11-29T18:00"); // Sunday, Tesla stays home
        Simulation sim = Simulation.create(clock, HOME_LAT, HOME_LON, Simulation.defaultProfiles());
        SimulatedVehicle tesla = sim.vehicle("tesla");
        VehicleStatus start = tesla.fetch();
        assertFalse(start.charging());
        sim.charger().connect("tesla");
        VehicleStatus plugged = tesla.fetch();
        assertTrue(plugged.charging());
        assertEquals(11.0, plugged.chargingPowerKw());
        assertEquals("Charging", plugged.chargingState());
        clock.advance(Duration.ofHours(1));
        // 11 kWh into 75 kWh = +14.67 % in an hour
        assertEquals(start.batteryPercent() + 14.67, tesla.fetch().batteryPercent(), 0.1);
        clock.advance(Duration.ofHours(10));
        VehicleStatus full = tesla.fetch();
        assertEquals(90.0, full.batteryPercent(), 0.06);
        assertFalse(full.charging());
        assertEquals("Complete", full.chargingState());
    }

    @Test
    void theSameClockGivesTheSameCar() {
        MutableClock a = MutableClock.oslo("2026-11-30T06:00");
        MutableClock b = MutableClock.oslo("2026-11-30T06:00");
        SimulatedVehicle x = Simulation.create(a, HOME_LAT, HOME_LON, Simulation.defaultProfiles()).vehicle("ioniq");
        SimulatedVehicle y = Simulation.create(b, HOME_LAT, HOME_LON, Simulation.defaultProfiles()).vehicle("ioniq");
        for (int i = 0; i < 20; i++) {
            a.advance(Duration.ofMinutes(47));
            b.advance(Duration.ofMinutes(47));
            assertEquals(x.fetch(), y.fetch());
        }
    }

    @Test
    void manualOverrideHoldsTheCar() {
        MutableClock clock = MutableClock.oslo("2026-11-30T07:00");
        SimulatedVehicle ioniq = Simulation.create(clock, HOME_LAT, HOME_LON, Simulation.defaultProfiles())
                .vehicle("ioniq");
        VehicleStatus s = ioniq.apply(new SimulationOverride(25.0, true, null, null, null));
        assertEquals(25.0, s.batteryPercent());
        assertTrue(s.charging());
        assertEquals(Location.HOME, s.location());
        clock.advance(Duration.ofHours(3)); // would be on its commute, but it is held at home charging
        VehicleStatus later = ioniq.fetch();
        assertEquals(Location.HOME, later.location());
        assertEquals(25.0 + 3 * 7.4 / 74 * 100, later.batteryPercent(), 0.1);
        VehicleStatus away = ioniq.apply(new SimulationOverride(null, null, null, false, null));
        assertEquals(Location.AWAY, away.location());
        assertFalse(away.charging());
        VehicleStatus resumed = ioniq.apply(new SimulationOverride(null, null, null, null, true));
        assertEquals(Location.AWAY, resumed.location(), "10:00 on a Monday: on its commute");
    }

    @Test
    void scenarioFileShapesTheCars() {
        String json = """
                {"tesla": {"battery_percent": 22, "charge_power_kw": 7.4,
                           "trips": [{"days": ["SAT"], "depart": "09:00", "back": "10:00", "distance_km": 10}]},
                 "ioniq": {"name": "Ioniq 5 (Kari)", "capacity_kwh": 58}}
                """;
        Map<String, SimulationProfile> p = ScenarioFile.parse(json, Simulation.defaultProfiles());
        assertEquals(22, p.get("tesla").initialBatteryPercent());
        assertEquals(7.4, p.get("tesla").chargePowerKw());
        assertEquals(Set.of(DayOfWeek.SATURDAY), p.get("tesla").trips().get(0).days());
        assertEquals(LocalTime.of(9, 0), p.get("tesla").trips().get(0).depart());
        assertEquals(75, p.get("tesla").capacityKwh(), "unchanged fields keep the default");
        assertEquals("Ioniq 5 (Kari)", p.get("ioniq").name());
        assertEquals(58, p.get("ioniq").capacityKwh());
    }

    @Test
    void badScenarioFilesAreRefusedWithAClearMessage() {
        Map<String, SimulationProfile> d = Simulation.defaultProfiles();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScenarioFile.parse("{", d)).getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScenarioFile.parse("{\"bmw\": {}}", d))
                .getMessage().contains("Unknown vehicle 'bmw'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScenarioFile.parse("{\"tesla\": {\"battery_percent\": 120}}", d)).getMessage()
                .contains("tesla"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ScenarioFile.parse("{\"tesla\": {\"trips\": [{\"depart\": \"9\", \"back\": \"10:00\", \"distance_km\": 3}]}}", d))
                .getMessage().contains("HH:MM"));
    }
}
