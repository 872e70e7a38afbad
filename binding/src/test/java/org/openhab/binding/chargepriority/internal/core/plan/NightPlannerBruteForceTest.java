package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The planner is exact: on hundreds of small seeded random instances its score equals the best over every possible
 * assignment of cars to slots (brute force, swaps counted on the assignment), and its plan keeps every constraint.
 * Two swaps with three and four cars get instances of their own (X–Y–X and X–Y–Z plans), and on larger instances,
 * where every assignment is too many, the score equals the best over every sequence of at most three blocks and all
 * their boundaries (the plans the small instances show to contain an optimum).
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

    @Test
    void equalsBruteForceWhenACarIsOnTheCableAlready() {
        // A plan made again during the night: moving the cable from the car on it counts as a swap.
        Random rnd = new Random(2023_0130L);
        int boundarySwaps = 0;
        int keptOnCable = 0;
        for (int i = 0; i < 400; i++) {
            int cars = 2 + rnd.nextInt(2);
            int slots = cars == 2 ? 3 + rnd.nextInt(6) : 3 + rnd.nextInt(4);
            PlanRequest random = RandomPlans.instance(rnd, cars, slots, rnd.nextBoolean() ? 15 : 60);
            String cable = random.cars().get(rnd.nextInt(cars)).id();
            PlanRequest req = new PlanRequest(random.cars(), random.slots(), random.efficiency(), rnd.nextInt(3),
                    random.currency(), cable);
            NightPlan plan = planner.plan(req);
            PlanScore recomputed = PlanChecker.verify(req, plan);
            PlanScore optimum = bruteForce(req);
            assertEquals(0, recomputed.compareTo(optimum),
                    () -> "case " + req + "\nplanner " + recomputed + "\nbrute force " + optimum);
            String first = plan.slots().stream().filter(s -> s.carId() != null && s.energyKwh() > 0)
                    .map(PlannedSlot::carId).findFirst().orElse(null);
            if (first != null && !first.equals(cable)) {
                boundarySwaps++;
                assertEquals(plan.slots().stream().filter(s -> s.carId() != null && s.energyKwh() > 0).findFirst()
                        .orElseThrow().start(), plan.nextSwap(), "the first move is the next swap");
            } else if (first != null) {
                keptOnCable++;
            }
        }
        assertTrue(boundarySwaps > 30, "plans that move the cable first: " + boundarySwaps);
        assertTrue(keptOnCable > 30, "plans that start on the cable's car: " + keptOnCable);
    }

    @Test
    void equalsBruteForceWithTwoSwapsAndThreeOrFourCars() {
        Random rnd = new Random(2_2023_0111L);
        int[] shapes = new int[2];
        for (int i = 0; i < 250; i++) {
            int cars = 3 + rnd.nextInt(2);
            int slots = cars == 3 ? 4 + rnd.nextInt(3) : 4 + rnd.nextInt(2);
            PlanRequest req = withTwoSwaps(RandomPlans.instance(rnd, cars, slots, rnd.nextBoolean() ? 15 : 60));
            NightPlan plan = planner.plan(req);
            PlanScore recomputed = PlanChecker.verify(req, plan);
            PlanScore optimum = bruteForce(req);
            assertEquals(0, recomputed.compareTo(optimum),
                    () -> "case " + req + "\nplanner " + recomputed + "\nbrute force " + optimum);
            count(shapes, plan);
        }
        // both three-block shapes are really chosen, not only found
        assertTrue(shapes[0] >= 5, "X-Y-X plans: " + shapes[0]);
        assertTrue(shapes[1] >= 20, "X-Y-Z plans: " + shapes[1]);
    }

    @Test
    void equalsEveryThreeBlockPlanOnLargerInstances() {
        Random rnd = new Random(48L * 4 + 2);
        int[] shapes = new int[2];
        for (int i = 0; i < 300; i++) {
            int cars = 2 + rnd.nextInt(4);
            int slots = 8 + rnd.nextInt(41);
            PlanRequest req = withTwoSwaps(RandomPlans.instance(rnd, cars, slots, rnd.nextBoolean() ? 15 : 60));
            NightPlan plan = planner.plan(req);
            PlanScore recomputed = PlanChecker.verify(req, plan);
            PlanScore optimum = bestBlockPlan(req);
            assertEquals(0, recomputed.compareTo(optimum),
                    () -> "case " + req + "\nplanner " + recomputed + "\nevery block plan " + optimum);
            count(shapes, plan);
        }
        assertTrue(shapes[0] >= 8, "X-Y-X plans: " + shapes[0]);
        assertTrue(shapes[1] >= 50, "X-Y-Z plans: " + shapes[1]);
    }

    private static PlanRequest withTwoSwaps(PlanRequest req) {
        return new PlanRequest(req.cars(), req.slots(), req.efficiency(), 2, req.currency());
    }

    /** Counts a plan whose cars charge as X-Y-X (shapes[0]) or X-Y-Z (shapes[1]). */
    private static void count(int[] shapes, NightPlan plan) {
        List<String> order = new ArrayList<>();
        for (PlannedSlot slot : plan.slots()) {
            String car = slot.carId();
            if (car != null && slot.energyKwh() > PlanChecker.KWH_TOLERANCE
                    && (order.isEmpty() || !order.get(order.size() - 1).equals(car))) {
                order.add(car);
            }
        }
        if (order.size() == 3) {
            shapes[order.get(0).equals(order.get(2)) ? 0 : 1]++;
        }
    }

    /**
     * The best score over every plan of at most maxSwaps + 1 non-empty blocks of consecutive slots (a car per block,
     * neighbours different, X-Y-X included) and the plan with no car, each car filling its blocks cheapest first.
     */
    static PlanScore bestBlockPlan(PlanRequest req) {
        int n = req.cars().size();
        int t = req.slots().size();
        BlockScorer scorer = new BlockScorer(req);
        int[] owner = new int[t];
        Arrays.fill(owner, -1);
        PlanScore best = scorer.score(owner);
        for (int blocks = 1; blocks <= req.maxSwaps() + 1 && blocks <= t; blocks++) {
            int[] seq = new int[blocks];
            int[] bounds = new int[blocks + 1];
            bounds[blocks] = t;
            for (int code = 0; code < Math.pow(n, blocks); code++) {
                int rest = code;
                boolean valid = true;
                for (int j = 0; j < blocks; j++) {
                    seq[j] = rest % n;
                    rest /= n;
                    valid &= j == 0 || seq[j] != seq[j - 1];
                }
                if (valid) {
                    best = min(best, bestBounds(scorer, seq, bounds, 1, owner));
                }
            }
        }
        return best;
    }

    /** Every choice of bounds[j..blocks-1] (bounds[0] = 0, bounds[blocks] = t, strictly rising). */
    private static PlanScore bestBounds(BlockScorer scorer, int[] seq, int[] bounds, int j, int[] owner) {
        if (j == seq.length) {
            for (int b = 0; b < seq.length; b++) {
                Arrays.fill(owner, bounds[b], bounds[b + 1], seq[b]);
            }
            return scorer.score(owner);
        }
        PlanScore best = null;
        for (int x = bounds[j - 1] + 1; x <= bounds[seq.length] - (seq.length - j); x++) {
            bounds[j] = x;
            best = min(best, bestBounds(scorer, seq, bounds, j + 1, owner));
        }
        return Objects.requireNonNull(best);
    }

    private static PlanScore min(@Nullable PlanScore a, PlanScore b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    /** PlanChecker's fill and score for many assignments of one request, with the slot order and capacities once. */
    private static final class BlockScorer {
        private final PlanRequest req;
        private final int[] order;
        private final double[][] capacity;
        private final double[] valued;

        BlockScorer(PlanRequest req) {
            this.req = req;
            int t = req.slots().size();
            valued = new double[t];
            for (int s = 0; s < t; s++) {
                valued[s] = PlanChecker.valuedPrice(req, s);
            }
            order = java.util.stream.IntStream.range(0, t).boxed()
                    .sorted(Comparator.<Integer> comparingDouble(s -> valued[s]).thenComparingInt(s -> s))
                    .mapToInt(s -> s).toArray();
            capacity = new double[req.cars().size()][t];
            for (int c = 0; c < capacity.length; c++) {
                for (int s = 0; s < t; s++) {
                    capacity[c][s] = PlanChecker.capacity(req, c, s);
                }
            }
        }

        PlanScore score(int[] owner) {
            int n = req.cars().size();
            double[] remaining = req.cars().stream().mapToDouble(PlanCar::neededKwh).toArray();
            double[] delivered = new double[n];
            double valuedCost = 0;
            for (int s : order) {
                int c = owner[s];
                if (c < 0) {
                    continue;
                }
                double e = Math.max(0, Math.min(capacity[c][s], remaining[c]));
                remaining[c] -= e;
                delivered[c] += e;
                valuedCost += e / req.efficiency() * valued[s];
            }
            return PlanChecker.score(req, delivered, valuedCost);
        }
    }

    static PlanScore bruteForce(PlanRequest req) {
        int n = req.cars().size();
        int cable = -1;
        for (int c = 0; c < n; c++) {
            if (req.cars().get(c).id().equals(req.cableCar())) {
                cable = c;
            }
        }
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
            if (PlanChecker.swaps(owner, energy, cable) > req.maxSwaps()) {
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
