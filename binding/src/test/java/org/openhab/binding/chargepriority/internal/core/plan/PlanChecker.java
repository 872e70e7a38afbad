package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Checks a plan against the request without using the planner's code: every constraint, and the score recomputed
 * from the slots. Also scores any assignment of cars to slots the same way (for brute force and baselines).
 */
@NonNullByDefault
final class PlanChecker {

    static final double KWH_TOLERANCE = 1e-6;

    private PlanChecker() {
    }

    /** Energy into car c's battery if it charges all of slot s: 0 when away or after its departure. */
    static double capacity(PlanRequest req, int c, int s) {
        PlanCar car = req.cars().get(c);
        PriceSlot slot = req.slots().get(s);
        if (!car.atHome()) {
            return 0;
        }
        Instant end = slot.end();
        Instant departure = car.departure();
        if (departure != null && departure.isBefore(end)) {
            end = departure;
        }
        double hours = Math.max(0, end.toEpochMilli() - slot.start().toEpochMilli()) / 3_600_000.0;
        return car.chargeKw() * hours * req.efficiency();
    }

    /** The price a slot is chosen by: its own, or the highest known one where unknown. */
    static double valuedPrice(PlanRequest req, int s) {
        Double p = req.slots().get(s).price();
        if (p != null) {
            return p;
        }
        return req.slots().stream().map(PriceSlot::price).filter(x -> x != null).mapToDouble(x -> x).max()
                .orElse(0);
    }

    /** The score of an assignment (owner[s] = car index or -1), each car filling its slots cheapest first. */
    static PlanScore scoreOf(PlanRequest req, int[] owner) {
        double[] energy = fill(req, owner);
        return scoreOfEnergies(req, owner, energy);
    }

    static double[] fill(PlanRequest req, int[] owner) {
        int t = req.slots().size();
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            order.add(s);
        }
        order.sort(Comparator.<Integer> comparingDouble(s -> valuedPrice(req, s)).thenComparingInt(s -> s));
        double[] remaining = req.cars().stream().mapToDouble(PlanCar::neededKwh).toArray();
        double[] energy = new double[t];
        for (int s : order) {
            int c = owner[s];
            if (c < 0) {
                continue;
            }
            double e = Math.min(capacity(req, c, s), remaining[c]);
            energy[s] = Math.max(0, e);
            remaining[c] -= energy[s];
        }
        return energy;
    }

    static PlanScore scoreOfEnergies(PlanRequest req, int[] owner, double[] energy) {
        double[] delivered = new double[req.cars().size()];
        double valued = 0;
        for (int s = 0; s < energy.length; s++) {
            if (owner[s] >= 0) {
                delivered[owner[s]] += energy[s];
                valued += energy[s] / req.efficiency() * valuedPrice(req, s);
            }
        }
        return score(req, delivered, valued);
    }

    /** The score of these deliveries per car at this valued cost: urgency, then departures, then the rest, then cost. */
    static PlanScore score(PlanRequest req, double[] delivered, double valued) {
        double urgent = 0;
        double departing = 0;
        double other = 0;
        for (int c = 0; c < delivered.length; c++) {
            PlanCar car = req.cars().get(c);
            urgent += Math.max(0, car.urgentKwh() - delivered[c]);
            double missing = Math.max(0, car.neededKwh() - delivered[c]);
            if (car.departure() != null) {
                departing += missing;
            } else {
                other += missing;
            }
        }
        return new PlanScore(urgent, departing, other, valued);
    }

    /** Changes of car between consecutive slots in which a car gets energy. */
    static int swaps(int[] owner, double[] energy) {
        return swaps(owner, energy, -1);
    }

    /** The same, starting from the car on the cable ({@code cableCar}, -1 for none): moving it away is a swap. */
    static int swaps(int[] owner, double[] energy, int cableCar) {
        int swaps = 0;
        int previous = cableCar;
        for (int s = 0; s < owner.length; s++) {
            if (owner[s] < 0 || energy[s] <= KWH_TOLERANCE) {
                continue;
            }
            if (previous >= 0 && owner[s] != previous) {
                swaps++;
            }
            previous = owner[s];
        }
        return swaps;
    }

    /** Asserts every constraint and returns the score recomputed from the plan's slots. */
    static PlanScore verify(PlanRequest req, NightPlan plan) {
        int t = req.slots().size();
        int n = req.cars().size();
        assertEquals(t, plan.slots().size(), "one planned slot per price slot");
        int[] owner = new int[t];
        double[] energy = new double[t];
        double[] perCar = new double[n];
        double cost = 0;
        for (int s = 0; s < t; s++) {
            PlannedSlot slot = plan.slots().get(s);
            PriceSlot price = req.slots().get(s);
            assertEquals(price.start(), slot.start());
            assertEquals(price.end(), slot.end());
            owner[s] = indexOf(req, slot.carId());
            energy[s] = slot.energyKwh();
            assertTrue(energy[s] >= 0, "no negative energy");
            if (owner[s] < 0) {
                assertEquals(0, energy[s], KWH_TOLERANCE, "energy only with a car on the charger");
                continue;
            }
            PlanCar car = req.cars().get(owner[s]);
            assertTrue(car.atHome(), "never an away car: " + car.id() + " in slot " + s);
            assertTrue(energy[s] <= capacity(req, owner[s], s) + KWH_TOLERANCE,
                    "at most the charger's energy, and nothing after the departure: slot " + s);
            assertFalse(slot.chargeUntil().isAfter(slot.end()));
            perCar[owner[s]] += energy[s];
            if (price.price() != null) {
                cost += energy[s] / req.efficiency() * price.price();
            }
        }
        for (int c = 0; c < n; c++) {
            PlanCar car = req.cars().get(c);
            assertTrue(perCar[c] <= car.neededKwh() + KWH_TOLERANCE, "never past the target: " + car.id());
            CarPlan cp = plan.cars().get(c);
            assertEquals(car.id(), cp.id());
            assertEquals(Math.min(100, car.socPercent() + perCar[c] / car.capacityKwh() * 100),
                    cp.expectedSocPercent(), 1e-6);
            assertTrue(cp.expectedSocPercent() <= Math.max(car.socPercent(), car.targetPercent()) + 1e-6);
        }
        int swaps = swaps(owner, energy, indexOf(req, req.cableCar()));
        assertTrue(swaps <= req.maxSwaps(), "at most " + req.maxSwaps() + " swaps, was " + swaps);
        assertEquals(swaps, plan.swaps());
        assertEquals(cost, plan.totalCost(), 1e-6 * Math.max(1, cost));
        PlanScore score = scoreOfEnergies(req, owner, energy);
        assertEquals(0, score.compareTo(plan.score()), () -> "reported " + plan.score() + ", recomputed " + score);
        return score;
    }

    private static int indexOf(PlanRequest req, @Nullable String id) {
        if (id == null) {
            return -1;
        }
        for (int c = 0; c < req.cars().size(); c++) {
            if (req.cars().get(c).id().equals(id)) {
                return c;
            }
        }
        fail("unknown car in the plan: " + id);
        return -1;
    }
}
