package org.openhab.binding.chargepriority.internal.store;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One row of {@code recommendations}.
 */
public record StoredRecommendation(long id, Instant timestamp, String vehicle, String action, @Nullable String reason,
        double batteryPercent, double threshold, double priorityScore) {
}
