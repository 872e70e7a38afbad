package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * The simulated household: a Tesla Model Y and a Hyundai Ioniq 5 sharing one home charger, optionally shaped by a
 * scenario file.
 */
@NonNullByDefault
public final class Simulation {

    public static final String TESLA = "tesla";
    public static final String IONIQ = "ioniq";

    private final SimulatedCharger charger;
    private final Map<String, SimulatedVehicle> vehicles;

    private Simulation(SimulatedCharger charger, Map<String, SimulatedVehicle> vehicles) {
        this.charger = charger;
        this.vehicles = vehicles;
    }

    public static Map<String, SimulationProfile> defaultProfiles() {
        Map<String, SimulationProfile> p = new LinkedHashMap<>();
        p.put(TESLA, SimulationProfile.teslaModelY());
        p.put(IONIQ, SimulationProfile.ioniq5());
        return p;
    }

    /**
     * @param scenarioFile a scenario JSON file, or null for the default profiles
     * @param lastKnownPercent the state of charge a simulated car had when the process last stopped (by display
     *            name), so a restart continues where it left off instead of jumping back; null when unknown
     * @throws IllegalArgumentException when the scenario file is invalid
     */
    public static Simulation create(Clock clock, double homeLatitude, double homeLongitude,
            @Nullable String scenarioFile, Function<String, @Nullable Double> lastKnownPercent) {
        Map<String, SimulationProfile> profiles = defaultProfiles();
        if (scenarioFile != null) {
            profiles = ScenarioFile.read(Path.of(scenarioFile), profiles);
        }
        Map<String, SimulationProfile> resumed = new LinkedHashMap<>();
        profiles.forEach((id, p) -> {
            Double last = lastKnownPercent.apply(p.name());
            resumed.put(id, last != null ? p.withInitialBatteryPercent(last) : p);
        });
        return create(clock, homeLatitude, homeLongitude, resumed);
    }

    public static Simulation create(Clock clock, double homeLatitude, double homeLongitude,
            Map<String, SimulationProfile> profiles) {
        SimulatedCharger charger = new SimulatedCharger();
        Map<String, SimulatedVehicle> vehicles = new LinkedHashMap<>();
        profiles.forEach((id, profile) -> vehicles.put(id,
                new SimulatedVehicle(id, profile, clock, homeLatitude, homeLongitude, charger)));
        return new Simulation(charger, vehicles);
    }

    public SimulatedCharger charger() {
        return charger;
    }

    public @Nullable SimulatedVehicle vehicle(String id) {
        return vehicles.get(id);
    }

    /** The household's slots: each simulated car with its real source where one is configured. */
    public List<VehicleSlot> slots(Map<String, VehicleService> realServices) {
        List<VehicleSlot> slots = new ArrayList<>();
        vehicles.forEach((id, sim) -> slots.add(new VehicleSlot(id, sim.name(), sim, realServices.get(id))));
        return slots;
    }

    /**
     * The simulated owner follows the advice: the cable goes to the priority car when it is simulated and at home.
     * With no priority the cable stays where it is (a full car simply stops charging).
     */
    public void followPriority(HouseholdSnapshot snapshot) {
        // The time up to now was spent with the charger as it was: simulate it before anything changes.
        vehicles.values().forEach(SimulatedVehicle::catchUp);
        // A smart charger switched by priority#charge-now: while a plan waits for cheaper hours it is off.
        charger.switchOn(snapshot.chargeNow() || !snapshot.planActive());
        String id = snapshot.priority().vehicleId();
        if (id == null) {
            return;
        }
        VehicleView view = snapshot.vehicle(id);
        VehicleStatus status = view != null ? view.status() : null;
        if (view != null && view.mockMode() && status != null && status.location() == Location.HOME) {
            charger.connect(id);
        }
    }
}
