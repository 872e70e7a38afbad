package org.openhab.binding.chargepriority.internal.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/** More cars in the standalone cfg file: {@code car.<id>.kind=simulated|tesla|ioniq}, beside the built-in two. */
class SimulatedCarsConfigTest {

    @Test
    void simulatedTeslaAndIoniqCarsAreNamedApartAndShareTheOneCharger() {
        StandaloneConfig c = new StandaloneConfig(Map.of("car.van.kind", "simulated", "car.van.model", "ioniq",
                "car.van.name", "Family van", "car.model3.kind", "tesla", "car.kona.kind", "IONIQ", "car.leaf.kind",
                "http"));
        List<Simulation.Car> cars = StandaloneHousehold.moreCars(c);
        assertEquals(List.of(new Simulation.Car("kona", VehicleKind.IONIQ, "Hyundai Ioniq 5 (kona)"),
                new Simulation.Car("model3", VehicleKind.TESLA, "Tesla Model Y (model3)"),
                new Simulation.Car("van", VehicleKind.IONIQ, "Family van")), cars);

        Simulation sim = Simulation.create(Clock.systemUTC(), 59.9, 10.7, null, name -> null, cars);
        List<VehicleSlot> slots = sim.slots(Map.of());
        assertEquals(List.of("tesla", "ioniq", "kona", "model3", "van"), slots.stream().map(VehicleSlot::id).toList(),
                "the built-in cars first: the seed API's tesla and ioniq stay theirs");
        assertEquals(VehicleKind.IONIQ, slots.get(4).kind());
        assertEquals("Family van", slots.get(4).name());
        assertEquals(74, slots.get(4).simulation().profile().capacityKwh(), 1e-9, "an Ioniq 5 profile");
        assertEquals(75, slots.get(3).simulation().profile().capacityKwh(), 1e-9, "a Model Y profile");
        assertEquals(List.of("leaf"), List.copyOf(c.httpCars().keySet()), "the http car is fed, not simulated");
    }

    @Test
    void aSimulatedCarContinuesFromItsLastStateOfChargeByName() {
        List<Simulation.Car> cars = List.of(new Simulation.Car("van", VehicleKind.IONIQ, "Family van"));
        Simulation sim = Simulation.create(Clock.systemUTC(), 59.9, 10.7, null,
                name -> "Family van".equals(name) ? 23.0 : null, cars);
        assertEquals(23.0, sim.vehicle("van").profile().initialBatteryPercent(), 1e-9);
    }

    @Test
    void aWrongCarEntryNamesItsKeyAndNothingStarts() {
        assertEquals("car.x.kind", key(Map.of("car.x.kind", "bmw")));
        assertEquals("car.x.model", key(Map.of("car.x.kind", "simulated", "car.x.model", "leaf")));
        assertEquals("car.ioniq.kind", key(Map.of("car.ioniq.kind", "simulated")));
        assertEquals("car.x.mockMode", key(Map.of("car.x.kind", "tesla", "car.x.mockMode", "false")));
        assertEquals("car.x.name", key(Map.of("car.x.kind", "tesla", "car.x.name", "Tesla Model Y")));
        assertEquals("car.y.name", key(Map.of("car.x.kind", "http", "car.x.name", "Van", "car.y.kind", "simulated",
                "car.y.name", "Van")));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> StandaloneHousehold
                .moreCars(new StandaloneConfig(Map.of("car.x.kind", "ioniq", "car.x.mockMode", "false"))));
        assertTrue(e.getMessage().contains("only in openHAB"), e.getMessage());
    }

    private static String key(Map<String, Object> properties) {
        return assertThrows(InvalidSettingException.class,
                () -> StandaloneHousehold.moreCars(new StandaloneConfig(properties))).field();
    }
}
