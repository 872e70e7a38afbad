package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One slot of the plan.
 *
 * @param carId the car on the charger in this slot, or null when the charger is off
 * @param energyKwh energy into that car's battery in this slot
 * @param gridKwh energy from the grid for it (energy / efficiency)
 * @param cost gridKwh × price, 0 when the price is unknown
 * @param chargeUntil when the charger switches off within the slot (the slot's end unless the car needs less)
 */
@NonNullByDefault
public record PlannedSlot(Instant start, Instant end, @Nullable Double price, @Nullable String carId,
        double energyKwh, double gridKwh, double cost, Instant chargeUntil) {

    static PlannedSlot of(PriceSlot slot, @Nullable String carId, double energyKwh, double capacityKwh,
            double efficiency) {
        Double price = slot.price();
        double grid = energyKwh / efficiency;
        Instant until = slot.start();
        if (carId != null && capacityKwh > 0) {
            long millis = Duration.between(slot.start(), slot.end()).toMillis();
            until = slot.start().plusMillis(Math.round(millis * Math.min(1, energyKwh / capacityKwh)));
        }
        return new PlannedSlot(slot.start(), slot.end(), price, carId, energyKwh, grid,
                price == null ? 0 : grid * price, until);
    }

    /** True when the charger should be on at this instant. */
    public boolean chargingAt(Instant when) {
        return carId != null && !when.isBefore(start) && when.isBefore(chargeUntil);
    }
}
