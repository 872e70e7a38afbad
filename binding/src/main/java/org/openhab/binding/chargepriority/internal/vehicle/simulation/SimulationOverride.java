package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A manual change to a simulated car, from {@code PUT /api/simulation/{vehicle}}. Null fields stay as they are. Setting
 * {@code atHome}, {@code pluggedIn} or {@code charging} holds the car there (its trips pause) until {@code schedule}
 * is set to true again.
 */
public record SimulationOverride(@Nullable Double batteryPercent, @Nullable Boolean charging,
        @Nullable Boolean pluggedIn, @Nullable Boolean atHome, @Nullable Boolean schedule) {
}
