package org.openhab.binding.chargepriority.internal.standalone;

import java.time.Clock;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * Builds the Ioniq's OBD source from {@code ioniq.*} keys (filled in when the OBD transport lands).
 */
@NonNullByDefault
final class IoniqFromConfig {

    private IoniqFromConfig() {
    }

    static @Nullable VehicleService create(StandaloneConfig config, Clock clock) {
        return null;
    }
}
