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
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * The simulated household: by default a Tesla Model Y and a Hyundai Ioniq 5 sharing one home charger, optionally
 * shaped by a scenario file; in openHAB, one simulated car per car Thing, each with the profile of its kind.
 */
@NonNullByDefault
public final class Simulation {

    /** The profile (and, in the standalone runtime, the car id) of the simulated Tesla. */
    public static final String TESLA = VehicleKind.TESLA.id();
    /** The profile (and, in the standalone runtime, the car id) of the simulated Ioniq. */
    public static final String IONIQ = VehicleKind.IONIQ.id();

    /**
     * A car to simulate: its profile comes from its kind, its name and id are its own.
     *
     * @param id the car's id (its Thing's id)
     * @param kind {@link VehicleKind#TESLA} or {@link VehicleKind#IONIQ}
     * @param name the car's display name (the history knows it by this name)
     */
    public record Car(String id, VehicleKind kind, String name) {
    }

    private final SimulatedCharger charger;
    private final Map<String, SimulatedVehicle> vehicles;
    private final Map<String, VehicleKind> kinds;

    private Simulation(SimulatedCharger charger, Map<String, SimulatedVehicle> vehicles,
            Map<String, VehicleKind> kinds) {
        this.charger = charger;
        this.vehicles = vehicles;
        this.kinds = kinds;
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
        return create(clock, homeLatitude, homeLongitude, scenarioFile, lastKnownPercent, List.of());
    }

    /**
     * The standalone runtime's household: the built-in Tesla and Ioniq, then more cars, each driving and charging as
     * the (scenario-shaped) profile of its kind under its own id and name, all on the one charger.
     *
     * @param more cars beside the built-in ones (their ids are not tesla or ioniq, their names are distinct)
     * @throws IllegalArgumentException when the scenario file is invalid, or for a car of a kind without a profile
     */
    public static Simulation create(Clock clock, double homeLatitude, double homeLongitude,
            @Nullable String scenarioFile, Function<String, @Nullable Double> lastKnownPercent, List<Car> more) {
        return withBuiltInCars(clock, homeLatitude, homeLongitude, profiles(scenarioFile), lastKnownPercent, more);
    }

    /**
     * The profiles of the standalone runtime's built-in cars by id ("tesla", "ioniq"): the default ones, shaped by
     * the scenario file when there is one.
     *
     * @param scenarioFile a scenario JSON file, or null for the default profiles
     * @throws IllegalArgumentException when the scenario file is invalid
     */
    public static Map<String, SimulationProfile> profiles(@Nullable String scenarioFile) {
        Map<String, SimulationProfile> profiles = defaultProfiles();
        return scenarioFile != null ? ScenarioFile.read(Path.of(scenarioFile), profiles) : profiles;
    }

    /**
     * The built-in cars of these profiles (by id, where the id is also the kind: see {@link #profiles(String)}), then
     * more cars, each driving and charging as the built-in profile of its kind, renamed, all on the one charger.
     * Every car continues from its own last state of charge (by display name).
     *
     * @param more cars beside the built-in ones (their ids are not tesla or ioniq, their names are distinct)
     * @throws IllegalArgumentException for a car of a kind without a profile, or two cars with one id
     */
    public static Simulation withBuiltInCars(Clock clock, double homeLatitude, double homeLongitude,
            Map<String, SimulationProfile> profiles, Function<String, @Nullable Double> lastKnownPercent,
            List<Car> more) {
        Map<String, VehicleKind> kinds = new LinkedHashMap<>();
        profiles.keySet().forEach(id -> kinds.put(id, kindOfProfile(id)));
        Map<String, SimulationProfile> all = new LinkedHashMap<>(profiles);
        for (Car car : more) {
            SimulationProfile base = profiles.get(car.kind().id());
            if (base == null || all.containsKey(car.id())) {
                throw new IllegalArgumentException("Cannot simulate car " + car.id() + " of kind " + car.kind().id());
            }
            all.put(car.id(), base.withName(car.name()));
            kinds.put(car.id(), car.kind());
        }
        Map<String, SimulationProfile> resumed = new LinkedHashMap<>();
        all.forEach((id, p) -> {
            Double last = lastKnownPercent.apply(p.name());
            resumed.put(id, last != null ? p.withInitialBatteryPercent(last) : p);
        });
        return create(clock, homeLatitude, homeLongitude, resumed, kinds);
    }

    /**
     * @param profiles by car id, where the id is also the kind ("tesla", "ioniq"), as in the standalone runtime
     */
    public static Simulation create(Clock clock, double homeLatitude, double homeLongitude,
            Map<String, SimulationProfile> profiles) {
        Map<String, VehicleKind> kinds = new LinkedHashMap<>();
        profiles.keySet().forEach(id -> kinds.put(id, kindOfProfile(id)));
        return create(clock, homeLatitude, homeLongitude, profiles, kinds);
    }

    /**
     * One simulated car per car, any number of each kind: a car drives and charges as the default profile of its
     * kind (a second Tesla is another Model Y), under its own id and name, and continues from its own last state of
     * charge.
     *
     * @param lastKnownPercent the state of charge a car had when the process last stopped, by display name
     * @throws IllegalArgumentException for a car of a kind that cannot be simulated, or two cars with one id
     */
    public static Simulation forCars(Clock clock, double homeLatitude, double homeLongitude, List<Car> cars,
            Function<String, @Nullable Double> lastKnownPercent) {
        Map<String, SimulationProfile> defaults = defaultProfiles();
        Map<String, SimulationProfile> profiles = new LinkedHashMap<>();
        Map<String, VehicleKind> kinds = new LinkedHashMap<>();
        for (Car car : cars) {
            SimulationProfile base = defaults.get(car.kind().id());
            if (base == null) {
                throw new IllegalArgumentException("A car of kind " + car.kind().id() + " cannot be simulated");
            }
            if (profiles.containsKey(car.id())) {
                throw new IllegalArgumentException("Two simulated cars with the id " + car.id());
            }
            SimulationProfile named = base.withName(car.name());
            Double last = lastKnownPercent.apply(car.name());
            profiles.put(car.id(), last != null ? named.withInitialBatteryPercent(last) : named);
            kinds.put(car.id(), car.kind());
        }
        return create(clock, homeLatitude, homeLongitude, profiles, kinds);
    }

    private static Simulation create(Clock clock, double homeLatitude, double homeLongitude,
            Map<String, SimulationProfile> profiles, Map<String, VehicleKind> kinds) {
        SimulatedCharger charger = new SimulatedCharger();
        Map<String, SimulatedVehicle> vehicles = new LinkedHashMap<>();
        profiles.forEach((id, profile) -> vehicles.put(id,
                new SimulatedVehicle(id, profile, clock, homeLatitude, homeLongitude, charger)));
        return new Simulation(charger, vehicles, Map.copyOf(kinds));
    }

    private static VehicleKind kindOfProfile(String profileId) {
        VehicleKind kind = VehicleKind.fromId(profileId);
        if (kind == null || kind == VehicleKind.VEHICLE) {
            throw new IllegalArgumentException("No simulation profile '" + profileId + "': use tesla or ioniq");
        }
        return kind;
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
        vehicles.forEach((id, sim) -> slots.add(new VehicleSlot(id, java.util.Objects.requireNonNull(kinds.get(id)),
                sim.name(), sim, realServices.get(id))));
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
