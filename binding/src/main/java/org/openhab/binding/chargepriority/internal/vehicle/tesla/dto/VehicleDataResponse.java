package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

/**
 * Envelope of {@code GET /api/1/vehicles/{vin}/vehicle_data}.
 */
public record VehicleDataResponse(VehicleData response) {
}
