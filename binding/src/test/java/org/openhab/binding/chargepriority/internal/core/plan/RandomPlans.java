package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/** Seeded random planning instances: awkward on purpose (ties, unknown prices, departures inside a slot). */
@NonNullByDefault
final class RandomPlans {

    static final Instant START = Instant.parse("2023-01-10T16:00:00Z");

    private RandomPlans() {
    }

    static PlanRequest instance(Random rnd, int cars, int slots, int slotMinutes) {
        List<PriceSlot> priceSlots = new ArrayList<>();
        // the first slot may start inside the price resolution (planning starts now)
        Instant t = START.plus(Duration.ofMinutes(rnd.nextInt(4) == 0 ? rnd.nextInt(slotMinutes) : 0));
        Instant end = START.plus(Duration.ofMinutes(slotMinutes));
        boolean allUnknown = rnd.nextInt(10) == 0;
        for (int s = 0; s < slots; s++) {
            @Nullable
            Double price = allUnknown || rnd.nextInt(10) == 0 ? null : Math.round(rnd.nextDouble() * 30) / 10.0;
            priceSlots.add(new PriceSlot(t, end, price));
            t = end;
            end = end.plus(Duration.ofMinutes(slotMinutes));
        }
        Instant horizonEnd = priceSlots.get(slots - 1).end();
        long horizonMinutes = Duration.between(START, horizonEnd).toMinutes();
        List<PlanCar> list = new ArrayList<>();
        for (int c = 0; c < cars; c++) {
            double kw = new double[] { 3.7, 7.4, 11, 22 }[rnd.nextInt(4)];
            double capacity = 10 + rnd.nextInt(70);
            double soc = rnd.nextInt(100);
            double target = 50 + rnd.nextInt(51);
            Instant departure = rnd.nextInt(4) == 0 ? null
                    : START.plus(Duration.ofMinutes(1 + rnd.nextInt((int) horizonMinutes + 10)));
            boolean home = rnd.nextInt(8) != 0;
            double minimum = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(50);
            double minRange = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(150);
            double consumption = rnd.nextBoolean() ? 0 : 14 + rnd.nextInt(10);
            list.add(new PlanCar("car" + c, "Car " + c, soc, capacity, target, departure, home, kw, minimum,
                    minRange, consumption));
        }
        return new PlanRequest(list, priceSlots, 0.85 + rnd.nextInt(4) * 0.05, rnd.nextInt(3), "NOK");
    }
}
