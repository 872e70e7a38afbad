package org.openhab.binding.chargepriority.internal.core;

import java.time.Instant;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
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
 */
@NonNullByDefault
public record HouseholdSnapshot(long sequence, List<VehicleView> vehicles, Priority priority,
        HouseholdSettings settings, @Nullable Instant lastUpdated, @Nullable Instant nextUpdate) {

    public HouseholdSnapshot {
        vehicles = List.copyOf(vehicles);
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
