package org.openhab.binding.chargepriority.internal.core.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Everything one plan depends on. The slots are contiguous and in time order; the first starts now.
 *
 * @param efficiency the share of the energy from the grid that reaches the battery, 0.5–1 (default 0.9)
 * @param maxSwaps how often the cable may be moved to another car in this plan, 0–2 (default 1; 0 = one car)
 * @param currency the prices' currency, for the reasons (e.g. NOK)
 * @param cableCar the car the cable is on now, or null (none, or not one of the cars): moving the cable from it to
 *            another car counts as a swap, so a plan made again during a night keeps to the night's swaps
 */
@NonNullByDefault
public record PlanRequest(List<PlanCar> cars, List<PriceSlot> slots, double efficiency, int maxSwaps,
        String currency, @Nullable String cableCar) {

    public static final double DEFAULT_EFFICIENCY = 0.9;
    public static final int DEFAULT_MAX_SWAPS = 1;
    public static final int MAX_SWAPS_LIMIT = 2;

    /** A request with no car on the cable yet (the first plan of a night). */
    public PlanRequest(List<PlanCar> cars, List<PriceSlot> slots, double efficiency, int maxSwaps, String currency) {
        this(cars, slots, efficiency, maxSwaps, currency, null);
    }

    public PlanRequest {
        cars = List.copyOf(cars);
        slots = List.copyOf(slots);
        if (efficiency < 0.5 || efficiency > 1) {
            throw new IllegalArgumentException("efficiency must be 0.5–1, was " + efficiency);
        }
        if (maxSwaps < 0 || maxSwaps > MAX_SWAPS_LIMIT) {
            throw new IllegalArgumentException("maxSwaps must be 0–" + MAX_SWAPS_LIMIT + ", was " + maxSwaps);
        }
        Set<String> ids = new HashSet<>();
        for (PlanCar car : cars) {
            if (!ids.add(car.id())) {
                throw new IllegalArgumentException("two cars with the id " + car.id());
            }
        }
        if (cableCar != null && !ids.contains(cableCar)) {
            cableCar = null; // a car that is not planned is not on the cable
        }
        for (int i = 1; i < slots.size(); i++) {
            if (!slots.get(i).start().equals(slots.get(i - 1).end())) {
                throw new IllegalArgumentException("slots must be contiguous: a gap or overlap at "
                        + slots.get(i).start());
            }
        }
    }

    /**
     * False when there is nothing to plan by: no car has a departure and no slot has a price. Then the snapshot rule
     * ({@code DecisionEngine}) stays the answer.
     */
    public boolean hasPlanningInput() {
        return cars.stream().anyMatch(c -> c.departure() != null) || slots.stream().anyMatch(s -> s.price() != null);
    }
}
