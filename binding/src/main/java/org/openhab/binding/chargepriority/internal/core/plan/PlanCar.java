package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One car as the planner sees it.
 *
 * @param id the vehicle id
 * @param name the name a person reads in a reason
 * @param socPercent state of charge now, 0–100
 * @param capacityKwh usable battery capacity, &gt; 0
 * @param targetPercent state of charge wanted at departure, 0–100; never charged past it
 * @param departure when the car leaves next, or null when it has no departure (it may charge until the horizon ends)
 * @param atHome false: the car is never charged in this plan (re-planned when it arrives)
 * @param chargeKw the power it takes from the charger: the charger's, or the car's real rate while it charges
 * @param minimumChargePercent below this it is urgent
 * @param minimumRangeKm below this range it is urgent (needs {@code consumptionKwhPer100Km})
 * @param consumptionKwhPer100Km energy per 100 km, 0 when unknown (then the minimum range is not used)
 */
@NonNullByDefault
public record PlanCar(String id, String name, double socPercent, double capacityKwh, double targetPercent,
        @Nullable Instant departure, boolean atHome, double chargeKw, double minimumChargePercent,
        double minimumRangeKm, double consumptionKwhPer100Km) {

    public PlanCar {
        require(socPercent >= 0 && socPercent <= 100, "socPercent must be 0–100, was " + socPercent);
        require(capacityKwh > 0 && capacityKwh <= 500, "capacityKwh must be above 0 and at most 500, was " + capacityKwh);
        require(targetPercent >= 0 && targetPercent <= 100, "targetPercent must be 0–100, was " + targetPercent);
        require(chargeKw >= 0 && chargeKw <= 400, "chargeKw must be 0–400, was " + chargeKw);
        require(minimumChargePercent >= 0 && minimumChargePercent <= 100,
                "minimumChargePercent must be 0–100, was " + minimumChargePercent);
        require(minimumRangeKm >= 0, "minimumRangeKm must not be negative, was " + minimumRangeKm);
        require(consumptionKwhPer100Km >= 0, "consumptionKwhPer100Km must not be negative");
    }

    /** Energy into the battery to reach the target, kWh. */
    public double neededKwh() {
        return Math.max(0, targetPercent - socPercent) * capacityKwh / 100;
    }

    /**
     * The urgency floor in percent: the higher of the minimum charge and the charge the minimum range takes, never
     * above the target.
     */
    public double urgentPercent() {
        double forRange = consumptionKwhPer100Km > 0
                ? minimumRangeKm * consumptionKwhPer100Km / 100 / capacityKwh * 100
                : 0;
        return Math.min(targetPercent, Math.max(minimumChargePercent, forRange));
    }

    /** Energy into the battery to reach the urgency floor, kWh. */
    public double urgentKwh() {
        return Math.max(0, urgentPercent() - socPercent) * capacityKwh / 100;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
