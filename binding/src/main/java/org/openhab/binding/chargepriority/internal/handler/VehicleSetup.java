package org.openhab.binding.chargepriority.internal.handler;

import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * What a car Thing hands its household bridge: which car, whether it is simulated, and how to open its real source.
 *
 * @param vehicleId "tesla" or "ioniq"
 * @param mockMode true when the simulated car is read
 * @param configuration the Thing configuration it was made from (a different one means the household is rebuilt)
 * @param realSource opens the real source; returns null when there is none (see {@link VehicleServiceFactory})
 */
@NonNullByDefault
public record VehicleSetup(String vehicleId, boolean mockMode, Map<String, Object> configuration,
        Supplier<@Nullable VehicleService> realSource) {

    public VehicleSetup {
        configuration = Map.copyOf(configuration);
    }

    /** True when the household built from {@code other} can serve this setup unchanged. */
    public boolean sameAs(VehicleSetup other) {
        return vehicleId.equals(other.vehicleId) && mockMode == other.mockMode
                && configuration.equals(other.configuration);
    }

    public VehicleSetup withMockMode(boolean newMockMode, Map<String, Object> newConfiguration) {
        return new VehicleSetup(vehicleId, newMockMode, newConfiguration, realSource);
    }
}
