package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The planner is exact: on hundreds of small seeded random instances its score equals the best over every possible
 * assignment of cars to slots (brute force, swaps counted on the assignment), and its plan keeps every constraint.
 */
@NonNullByDefault
class NightPlannerBruteForceTest {

    private final NightPlanner planner = new NightPlanner();

    @Test
    void equalsBruteForceOnHundredsOfSmallInstances() {
        Random rnd = new Random(20230110L);
        int cases = 0;
        int withShortfall = 0;
        int withSwap = 0;
        for (int i = 0; i < 500; i++) {
            int cars = 1 + rnd.nextInt(3);
            int slots = switch (cars) {
                case 1 -> 3 + rnd.nextInt(8);
                case 2 -> 3 + rnd.nextInt(7);
                default -> 3 + rnd.nextInt(5);
            };
            PlanRequest req = RandomPlans.instance(rnd, cars, slots, rnd.nextBoolean() ? 15 : 60);
            NightPlan plan = planner.plan(req);
            PlanScore recomputed = PlanChecker.verify(req, plan);
            PlanScore optimum = bruteForce(req);
            assertEquals(0, recomputed.compareTo(optimum),
                    () -> "case " + req + "\nplanner " + recomputed + "\nbrute force " + optimum);
            cases++;
            if (plan.cars().stream().anyMatch(c -> c.shortfallPercent() > 0)) {
                withShortfall++;
            }
            if (plan.swaps() > 0) {
                withSwap++;
            }
        }
        assertEquals(500, cases);
        // the instances really exercise contention and swaps, not only easy nights
        assertTrue(withShortfall > 50, "instances with a shortfall: " + withShortfall);
        assertTrue(withSwap > 30, "instances with a swap: " + withSwap);
    }

    static PlanScore bruteForce(PlanRequest req) {
        int n = req.cars().size();
        int t = req.slots().size();
        int[] owner = new int[t];
        long total = 1;
        for (int s = 0; s < t; s++) {
            total *= n + 1;
        }
        PlanScore best = null;
        for (long code = 0; code < total; code++) {
            long rest = code;
            for (int s = 0; s < t; s++) {
                owner[s] = (int) (rest % (n + 1)) - 1;
                rest /= n + 1;
            }
            double[] energy = PlanChecker.fill(req, owner);
            if (PlanChecker.swaps(owner, energy) > req.maxSwaps()) {
                continue;
            }
            PlanScore score = PlanChecker.scoreOfEnergies(req, owner, energy);
            if (best == null || score.compareTo(best) < 0) {
                best = score;
            }
        }
        assertNotNull(best);
        return best;
    }
}
