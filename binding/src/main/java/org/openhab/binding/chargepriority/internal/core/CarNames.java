package org.openhab.binding.chargepriority.internal.core;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile;

/**
 * The order of a household's cars and their display names, both independent of the order in which the cars happen to
 * be declared (openHAB Things, or the standalone runtime's cfg file).
 * <ul>
 * <li>Order: Teslas, then Ioniqs, then cars whose values are given ({@code vehicle} Things, {@code http} cars); within
 * a kind, the car whose id is the kind's name ({@code tesla}, {@code ioniq}) first, then by id. The first of each kind
 * is the car the seed API's fields ({@code tesla}, {@code ioniq}, {@code tesla_mock_mode}, …) show.</li>
 * <li>Names: the first Tesla and the first Ioniq keep the name they always had ("Tesla Model Y", "Hyundai Ioniq 5"),
 * so their history goes on; every other car is called by its label (a Thing's label, a {@code vehicle} Thing's
 * configured name, a cfg file's {@code car.<id>.name}). A name another car already has gets the car's id in brackets:
 * the history and the reasons tell cars apart by name.</li>
 * </ul>
 */
@NonNullByDefault
public final class CarNames {

    /**
     * A car to order and name.
     *
     * @param id the car's id in the household
     * @param kind what kind of car it is
     * @param label the name it asks for, or null (blank counts as none)
     */
    public record Car(String id, VehicleKind kind, @Nullable String label) {
    }

    public static final Comparator<Car> ORDER = Comparator.comparing(Car::kind)
            .thenComparing(car -> !car.id().equals(car.kind().id())).thenComparing(Car::id);

    private CarNames() {
    }

    /** The cars by id, in {@link #ORDER}, each with its display name; no two names alike. */
    public static Map<String, String> of(List<Car> cars) {
        return of(cars, kind -> null, false);
    }

    /**
     * The cars by id, in {@link #ORDER}, each with its display name; no two names alike. The first Tesla and the
     * first Ioniq keep the names given here whatever the other cars ask for (the standalone runtime's built-in cars,
     * whose names the scenario file may set).
     *
     * @param firstOfKind the name the first Tesla or Ioniq keeps, or null for its simulated model's default name
     */
    public static Map<String, String> of(List<Car> cars, Function<VehicleKind, @Nullable String> firstOfKind) {
        return of(cars, firstOfKind, true);
    }

    private static Map<String, String> of(List<Car> cars, Function<VehicleKind, @Nullable String> firstOfKind,
            boolean reserveFirstNames) {
        List<Car> ordered = cars.stream().sorted(ORDER).toList();
        Map<String, String> first = new LinkedHashMap<>(); // the first Tesla's and the first Ioniq's, by id
        Set<VehicleKind> kindsSeen = new HashSet<>();
        for (Car car : ordered) {
            if (kindsSeen.add(car.kind()) && car.kind() != VehicleKind.VEHICLE) {
                String kept = firstOfKind.apply(car.kind());
                first.put(car.id(), kept != null ? kept : modelName(car));
            }
        }
        Set<String> taken = new HashSet<>();
        if (reserveFirstNames) {
            taken.addAll(first.values());
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Car car : ordered) {
            String kept = first.get(car.id());
            String label = car.label();
            String name = kept != null ? kept : label != null && !label.isBlank() ? label.trim() : modelName(car);
            if (kept == null || !reserveFirstNames) {
                if (!taken.add(name)) {
                    name = name + " (" + car.id() + ")";
                    taken.add(name);
                }
            }
            names.put(car.id(), name);
        }
        return names;
    }

    /** "Tesla Model Y" or "Hyundai Ioniq 5": the simulated model of the kind; a {@code vehicle}: its id. */
    private static String modelName(Car car) {
        SimulationProfile profile = Simulation.defaultProfiles().get(car.kind().id());
        return profile != null ? profile.name() : car.id();
    }
}
