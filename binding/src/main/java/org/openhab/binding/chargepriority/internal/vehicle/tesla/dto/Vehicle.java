package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

import com.google.gson.annotations.SerializedName;

/**
 * One vehicle of the account, as in {@code GET /api/1/vehicles} and {@code GET /api/1/vehicles/{vin}}.
 * {@code state} is "online", "asleep" or "offline".
 */
public record Vehicle(Long id, @SerializedName("vehicle_id") Long vehicleId, String vin,
        @SerializedName("display_name") String displayName, String state) {
}
