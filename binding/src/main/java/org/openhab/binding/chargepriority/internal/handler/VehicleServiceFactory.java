package org.openhab.binding.chargepriority.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * Opens the real source of a car from its Thing configuration: the seam between the openHAB Things and the Tesla
 * Fleet API and Ioniq OBD services. The household bridge calls it on its scheduler each time it builds the household
 * with that car in real mode ({@code mockMode = false}); the household closes the service when it is rebuilt or
 * disposed.
 *
 * <p>
 * Implementations must not do network or serial I/O here (the service connects on its first {@code fetch()}). They
 * may throw {@link IllegalArgumentException} with a message a user understands when the configuration cannot work.
 */
@NonNullByDefault
public interface VehicleServiceFactory {

    /**
     * Which car a source is for.
     *
     * @param bridgeId the id of its household bridge (cars of one bridge and region share one Tesla sign-in)
     * @param vehicleId the car's id: its Thing's id
     * @param name the car's display name in the household
     */
    record Car(String bridgeId, String vehicleId, String name) {
    }

    /** No real sources: every car can only be simulated. */
    VehicleServiceFactory MOCK_ONLY = new VehicleServiceFactory() {
    };

    /** @return the Tesla Fleet API source, or null when this build has none */
    default @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
        return null;
    }

    /** @return the Ioniq 5 OBD source, or null when this build has none */
    default @Nullable VehicleService createIoniq(Car car, IoniqConfiguration configuration) {
        return null;
    }
}
