package org.openhab.binding.chargepriority.internal.handler;

import java.util.Map;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * What a car Thing hands its household bridge: which car, of what kind, whether it is simulated, and how to open its
 * real source.
 *
 * @param vehicleId the car's id in the household: its Thing's id
 * @param kind what kind of car the Thing is (its Thing type)
 * @param label the name the Thing asks for (its label, or a {@code vehicle} Thing's configured name), or null; the
 *            bridge decides the display name from it (see {@link CarNames})
 * @param mockMode true when the simulated car is read
 * @param configuration the Thing configuration it was made from (a different one means the household is rebuilt)
 * @param realSource opens the real source for the car as the bridge names it; returns null when there is none (see
 *            {@link VehicleServiceFactory})
 */
@NonNullByDefault
public record VehicleSetup(String vehicleId, VehicleKind kind, @Nullable String label, boolean mockMode,
        Map<String, Object> configuration, Function<VehicleServiceFactory.Car, @Nullable VehicleService> realSource) {

    public VehicleSetup {
        configuration = Map.copyOf(configuration);
    }

    /** True when the household built from {@code other} can serve this setup unchanged. */
    public boolean sameAs(VehicleSetup other) {
        return vehicleId.equals(other.vehicleId) && kind == other.kind && java.util.Objects.equals(label, other.label)
                && mockMode == other.mockMode && configuration.equals(other.configuration);
    }

    public VehicleSetup withMockMode(boolean newMockMode, Map<String, Object> newConfiguration) {
        return new VehicleSetup(vehicleId, kind, label, newMockMode, newConfiguration, realSource);
    }
}
