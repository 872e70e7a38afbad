package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The answer: per slot which car (or none) is on the charger, what each car will have when it leaves, the cost, the
 * next cable swap and the reasons.
 *
 * @param totalCost cost of the planned energy at the known prices (slots without a price are not in it)
 * @param unpricedGridKwh energy planned in slots without a known price
 * @param pricesKnown false when no slot had a price: the plan follows urgency only
 * @param swaps how often the cable moves to another car
 * @param nextSwap when the cable moves next (the start of the new car's first slot), or null
 */
@NonNullByDefault
public record NightPlan(List<PlannedSlot> slots, List<CarPlan> cars, double totalCost, double unpricedGridKwh,
        String currency, boolean pricesKnown, int swaps, @Nullable Instant nextSwap, List<PlanReason> reasons,
        PlanScore score) {

    public NightPlan {
        slots = List.copyOf(slots);
        cars = List.copyOf(cars);
        reasons = List.copyOf(reasons);
    }

    /** The car that should be on the charger at this instant, if any. */
    public Optional<String> carAt(Instant when) {
        for (PlannedSlot slot : slots) {
            if (!when.isBefore(slot.start()) && when.isBefore(slot.end())) {
                return Optional.ofNullable(slot.carId());
            }
        }
        return Optional.empty();
    }

    /** True when the charger should be switched on at this instant. */
    public boolean chargeNow(Instant when) {
        return slots.stream().anyMatch(s -> s.chargingAt(when));
    }

    public Optional<CarPlan> car(String id) {
        return cars.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
