package org.openhab.binding.chargepriority.internal.core;

import java.time.Instant;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.openhab.binding.chargepriority.internal.model.Priority;

/**
 * An immutable picture of the household after an update or a settings change. Listeners and the web layer read only
 * snapshots, so they never see a half-done update.
 *
 * @param sequence increases with every new snapshot (lets caches know when to re-serialize)
 * @param vehicles the cars in a stable order
 * @param priority the household's answer
 * @param settings the settings the decision was made with
 * @param lastUpdated when the last update finished, or null before the first
 * @param nextUpdate when the next scheduled update runs, or null when not scheduled
 * @param plan the night's plan, or null before the first one
 * @param chargeNow whether the charger should be on now: the plan's slot when the plan decides, else whether a car
 *            has the priority
 */
@NonNullByDefault
public record HouseholdSnapshot(long sequence, List<VehicleView> vehicles, Priority priority,
        HouseholdSettings settings, @Nullable Instant lastUpdated, @Nullable Instant nextUpdate,
        @Nullable PlanView plan, boolean chargeNow) {

    public HouseholdSnapshot {
        vehicles = List.copyOf(vehicles);
    }

    /** True when the plan decides (departures or prices known), false when the snapshot rule does. */
    public boolean planActive() {
        PlanView p = plan;
        return p != null && p.active();
    }

    public @Nullable VehicleView vehicle(String id) {
        for (VehicleView v : vehicles) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        return null;
    }
}
