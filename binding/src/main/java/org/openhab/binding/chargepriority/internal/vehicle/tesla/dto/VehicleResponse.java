package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

/**
 * Envelope of {@code GET /api/1/vehicles/{vin}}.
 */
public record VehicleResponse(Vehicle response) {
}
