package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the plan means for one car.
 *
 * @param expectedSocPercent state of charge at departure (or at the end of the horizon when it has none)
 * @param shortfallPercent how far below the target that is, 0 when it reaches it
 * @param start first slot it charges in, or null
 * @param end when its charging ends, or null
 */
@NonNullByDefault
public record CarPlan(String id, String name, double expectedSocPercent, double targetPercent,
        double shortfallPercent, double energyKwh, double gridKwh, double cost, @Nullable Instant start,
        @Nullable Instant end, @Nullable Instant departure, boolean atHome) {
}
