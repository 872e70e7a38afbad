package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.PlanReason.Code;

/** Derives the reasons of a finished plan: prices, what each car gets, and the cable moves. */
@NonNullByDefault
final class PlanReasons {

    private static final double PERCENT_TOLERANCE = 0.05;

    private PlanReasons() {
    }

    static List<PlanReason> explain(PlanRequest request, List<CarPlan> cars, double[] urgentKwh,
            List<PlanReason> swaps, boolean pricesKnown, int firstCar) {
        List<PlanReason> reasons = new ArrayList<>();
        List<PriceSlot> slots = request.slots();
        if (!pricesKnown) {
            reasons.add(PlanReason.of(Code.NO_PRICES));
        } else {
            for (PriceSlot slot : slots) {
                if (slot.price() == null) {
                    reasons.add(PlanReason.car(Code.PRICES_UNKNOWN_FROM, "", slot.start(), null, Double.NaN,
                            Double.NaN));
                    break;
                }
            }
        }
        @Nullable
        Instant horizonEnd = slots.isEmpty() ? null : slots.get(slots.size() - 1).end();
        boolean anyShortfall = cars.stream().anyMatch(c -> c.shortfallPercent() > PERCENT_TOLERANCE);
        boolean anyCharging = false;
        for (int c = 0; c < cars.size(); c++) {
            CarPlan car = cars.get(c);
            PlanCar input = request.cars().get(c);
            Instant by = car.departure() != null ? car.departure() : horizonEnd;
            if (!car.atHome()) {
                reasons.add(PlanReason.car(Code.AWAY, car.name(), null, null, car.expectedSocPercent(),
                        car.targetPercent()));
                continue;
            }
            if (input.neededKwh() <= 0) {
                reasons.add(PlanReason.car(Code.AT_TARGET, car.name(), null, null, input.socPercent(),
                        car.targetPercent()));
                continue;
            }
            if (car.energyKwh() > 0) {
                anyCharging = true;
                if (urgentKwh[c] > 0 && anyShortfall) {
                    reasons.add(PlanReason.car(Code.URGENT_FIRST, car.name(), null, null, input.socPercent(),
                            input.urgentPercent()));
                }
                reasons.add(PlanReason.car(Code.CHARGES, car.name(), car.start(), car.end(),
                        car.expectedSocPercent(), car.targetPercent()));
            }
            if (car.expectedSocPercent() < input.urgentPercent() - PERCENT_TOLERANCE) {
                reasons.add(PlanReason.car(Code.BELOW_MINIMUM, car.name(), by, null, car.expectedSocPercent(),
                        input.urgentPercent()));
            } else if (car.shortfallPercent() > PERCENT_TOLERANCE) {
                reasons.add(PlanReason.car(Code.SHORTFALL, car.name(), by, null, car.expectedSocPercent(),
                        car.targetPercent()));
            }
        }
        if (firstCar >= 0) {
            CarPlan first = cars.get(firstCar);
            reasons.add(PlanReason.car(Code.PLUG_IN, first.name(), first.start(), null, Double.NaN, Double.NaN));
        }
        reasons.addAll(swaps);
        if (!anyCharging && cars.stream().allMatch(c -> c.shortfallPercent() <= PERCENT_TOLERANCE)) {
            reasons.add(PlanReason.of(Code.NOTHING_TO_DO));
        }
        return reasons;
    }
}
