package org.openhab.binding.chargepriority.internal.handler;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile;

/**
 * The order of a household's cars and their display names, both independent of the order in which openHAB happens to
 * initialize the Things.
 * <ul>
 * <li>Order: Teslas, then Ioniqs, then {@code vehicle} Things; within a kind, the Thing whose id is the kind's name
 * ({@code tesla}, {@code ioniq}) first, then by id. The first of each kind is the car the seed API's fields
 * ({@code tesla}, {@code ioniq}, {@code tesla_mock_mode}, …) show.</li>
 * <li>Names: the first Tesla and the first Ioniq keep the name they always had ("Tesla Model Y", "Hyundai Ioniq 5"),
 * so their history goes on; every other car is called by its Thing's label (a {@code vehicle} Thing: its configured
 * name or label). A name another car already has gets the car's id in brackets: the history and the reasons tell
 * cars apart by name.</li>
 * </ul>
 */
@NonNullByDefault
final class CarNames {

    static final Comparator<VehicleSetup> ORDER = Comparator.comparing(VehicleSetup::kind)
            .thenComparing(setup -> !setup.vehicleId().equals(setup.kind().id()))
            .thenComparing(VehicleSetup::vehicleId);

    private CarNames() {
    }

    /** The cars by id, in {@link #ORDER}, each with its display name; no two names alike. */
    static Map<String, String> of(List<VehicleSetup> setups) {
        List<VehicleSetup> ordered = setups.stream().sorted(ORDER).toList();
        Map<String, String> names = new LinkedHashMap<>();
        Set<VehicleKind> kindsSeen = new HashSet<>();
        Set<String> taken = new HashSet<>();
        for (VehicleSetup setup : ordered) {
            boolean first = kindsSeen.add(setup.kind());
            String model = modelName(setup);
            String label = setup.label();
            String name = setup.kind() != VehicleKind.VEHICLE && first ? model
                    : label != null && !label.isBlank() ? label.trim() : model;
            if (!taken.add(name)) {
                name = name + " (" + setup.vehicleId() + ")";
                taken.add(name);
            }
            names.put(setup.vehicleId(), name);
        }
        return names;
    }

    /** "Tesla Model Y" or "Hyundai Ioniq 5": the simulated model of the kind; a {@code vehicle}: its id. */
    private static String modelName(VehicleSetup setup) {
        SimulationProfile profile = Simulation.defaultProfiles().get(setup.kind().id());
        return profile != null ? profile.name() : setup.vehicleId();
    }
}
