package org.openhab.binding.chargepriority.internal.handler;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The order of a bridge's car Things and their display names, both independent of the order in which openHAB happens
 * to initialize the Things: {@link org.openhab.binding.chargepriority.internal.core.CarNames} (shared with the
 * standalone runtime) applied to the Things, each named by its label (a {@code vehicle} Thing: its configured name or
 * label).
 */
@NonNullByDefault
final class CarNames {

    static final Comparator<VehicleSetup> ORDER = Comparator.comparing(CarNames::car,
            org.openhab.binding.chargepriority.internal.core.CarNames.ORDER);

    private CarNames() {
    }

    /** The cars by id, in {@link #ORDER}, each with its display name; no two names alike. */
    static Map<String, String> of(List<VehicleSetup> setups) {
        return org.openhab.binding.chargepriority.internal.core.CarNames
                .of(setups.stream().map(CarNames::car).toList());
    }

    private static org.openhab.binding.chargepriority.internal.core.CarNames.Car car(VehicleSetup setup) {
        return new org.openhab.binding.chargepriority.internal.core.CarNames.Car(setup.vehicleId(), setup.kind(),
                setup.label());
    }
}
