package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

import java.util.List;

/**
 * Envelope of {@code GET /api/1/vehicles}.
 */
public record VehicleListResponse(List<Vehicle> response, Integer count) {
}
