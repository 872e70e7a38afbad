package org.openhab.binding.chargepriority.internal.core;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * What the household knows about one car after an update.
 *
 * @param id vehicle id (its Thing's id)
 * @param kind what kind of car it is
 * @param name display name
 * @param mockMode whether the simulation is read
 * @param status the last known status (stale when old or when the last read failed), or null when never read
 * @param recommendation the decision on that status, or null
 * @param error the last read's error message (safe to show), or null when it succeeded
 * @param errorKind the kind of the last read error, or null
 * @param diagnostics non-secret facts from the source (e.g. Tesla's API cost)
 */
@NonNullByDefault
public record VehicleView(String id, VehicleKind kind, String name, boolean mockMode, @Nullable VehicleStatus status,
        @Nullable Recommendation recommendation, @Nullable String error, @Nullable String errorKind,
        Map<String, Object> diagnostics) {
}
