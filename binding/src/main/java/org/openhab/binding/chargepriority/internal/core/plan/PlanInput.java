package org.openhab.binding.chargepriority.internal.core.plan;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One car as the household knows it when planning: its last state and its departures.
 *
 * @param socPercent last known state of charge, or null when never read
 * @param rangeKm last known range (for the car's own consumption), or 0
 * @param chargingKw the real charging power when it charges now, or null
 * @param capacityKwh the car's usable battery the plan uses, kWh (the household chooses: the car's own data, then
 *            its schedule's, then its configured or known one)
 */
@NonNullByDefault
public record PlanInput(String id, String name, @Nullable Double socPercent, double rangeKm, boolean atHome,
        @Nullable Double chargingKw, double capacityKwh, DepartureSchedule schedule) {
}
