package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.ZoneId;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The household's planning settings: the charger, the losses, how often the cable may move in a night and whether
 * spot prices steer the plan. The price source itself is a {@link PlanPrices.Provider}.
 *
 * @param enabled false: never plan, the snapshot rule decides (also with departures and prices)
 * @param chargerKw the charger's power; a car that reports its real rate while charging is planned with that
 * @param efficiency energy into the battery per energy from the grid
 * @param maxSwaps how often the cable may move to another car in a night (0 = one car a night)
 * @param byPrice false: plan by urgency and departures only, even when prices are known
 * @param zone the household's time zone: departures are local times in it, texts show it
 */
@NonNullByDefault
public record PlanSettings(boolean enabled, double chargerKw, double efficiency, int maxSwaps, boolean byPrice,
        ZoneId zone) {

    public static final double DEFAULT_CHARGER_KW = 11;

    public PlanSettings {
        if (!(chargerKw >= 1 && chargerKw <= 350)) {
            throw new IllegalArgumentException("charger_power_kw must be a number from 1 to 350, was " + chargerKw);
        }
        if (!(efficiency >= 0.5 && efficiency <= 1)) {
            throw new IllegalArgumentException("charging_efficiency must be a number from 0.5 to 1, was " + efficiency);
        }
        if (maxSwaps < 0 || maxSwaps > PlanRequest.MAX_SWAPS_LIMIT) {
            throw new IllegalArgumentException(
                    "max_swaps must be an integer from 0 to " + PlanRequest.MAX_SWAPS_LIMIT + ", was " + maxSwaps);
        }
    }

    public static PlanSettings defaults(ZoneId zone) {
        return new PlanSettings(true, DEFAULT_CHARGER_KW, PlanRequest.DEFAULT_EFFICIENCY, PlanRequest.DEFAULT_MAX_SWAPS,
                true, zone);
    }
}
