package org.openhab.binding.chargepriority.internal.core;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * Adds what the car itself does not know to a fresh status: home/away from the geofence and the address from reverse
 * geocoding. Must not throw; on failure it returns the status unchanged.
 */
@FunctionalInterface
@NonNullByDefault
public interface StatusEnricher {
    StatusEnricher NONE = (id, status) -> status;

    VehicleStatus enrich(String vehicleId, VehicleStatus status);
}
