package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.PlanReason.Code;

/**
 * Plans which car is on the one charger in each slot. Pure and exact: it returns a plan that minimises
 * {@link PlanScore} over every assignment of slots to cars that keeps the constraints (one car a slot, never an away
 * car, never after a car's departure, never past a target, at most {@code maxSwaps} changes of car).
 * <p>
 * The README ("The night plan") states the model and the algorithm. In short: with at most S swaps a plan is a
 * sequence of at most S+1 blocks of time, each owned by one car, which charges in any of its block's slots. Given the
 * slots a car owns, filling its need cheapest slot first is optimal, so only the block boundaries are chosen.
 * <p>
 * The score is a sum over cars, and adding the same vector to two scores keeps their lexicographic order. So the
 * boundaries of one sequence are chosen by comparing only its own cars' parts, and a best part is kept and reused
 * (N cars, T slots):
 * <ul>
 * <li>fills: each car's cheapest-first fill of every prefix [0, x) and suffix [y, T), grown one slot at a time
 * ({@code GreedyFill}, O(T) for a whole pass); for S = 2 also of every interval [a, b): O(N·T²);</li>
 * <li>A and A–B: every car, every ordered pair and boundary: O(N²·T);</li>
 * <li>A–B–C (three different cars): for each pair A–B and each end y of B's block, the best start x of B's block is
 * found once, O(T²) a pair, and shared by every C, which then only chooses y: O(N²·T² + N³·T);</li>
 * <li>X–Y–X, the only sequence with a repeated car: X's fill of [0, x) ∪ [y, T) does not depend on Y; for each x it
 * grows one slot at a time as y moves left, and every Y is scored against it: O(N·T² + N²·T²).</li>
 * </ul>
 * Each sequence keeps its first best boundaries in enumeration order; sequences are offered fewest blocks first and a
 * later one replaces the best only when strictly better, so among equal plans the one with fewer swaps wins. Two
 * reductions keep this exact: a car that cannot take energy (away, departed, at its target) owns no block, since
 * leaving its block to a neighbour is never worse and has fewer blocks; and the slots after the last one any car can
 * take energy in are left out of the blocks (T counts the slots up to it).
 * <p>
 * A plan made again during a night names the car on the cable now ({@link PlanRequest#cableCar}): moving the cable
 * from it to another car is a swap, so a sequence starting with another car may have one block fewer.
 */
@NonNullByDefault
public final class NightPlanner {

    private static final double EPS = 1e-9;
    /** The score part {urgent, departure, other, cost} of no car; never written. */
    private static final double[] ZERO = new double[4];

    /** Plans; the request's slots are the horizon, its first slot starts now. */
    public NightPlan plan(PlanRequest request) {
        Model m = new Model(request);
        Best best = m.search();
        return m.toPlan(best);
    }

    /** A block sequence and its boundaries: car seq[j] owns slots [bounds[j], bounds[j+1]). */
    private record Best(int[] seq, int[] bounds) {
    }

    /** The instance in arrays, and the search. */
    static final class Model {
        final PlanRequest request;
        final int n;
        final int t;
        final double eff;
        /** cap[c][s]: energy into car c's battery if it charges all of slot s. */
        final double[][] cap;
        /** Price used for choosing: the known price, or the highest known price where unknown (0 if none). */
        final double[] key;
        /** rank[s]: position of slot s in the order cheapest first, earlier first on equal price. */
        final int[] rank;
        final int[] byRank;
        final double[] need;
        final double[] urgent;
        final boolean[] departs;
        /** The cars that can take energy in some slot, in index order: only they own blocks. */
        final int[] able;
        /**
         * The slots the blocks cover, [0, h): up to the last slot any car can take energy in (the "T" of the
         * algorithm). No plan charges a car after it.
         */
        final int h;
        /** The index of the car on the cable now, or -1. */
        final int cableCar;
        /** Car c's fill when it owns [0, x): prefixDelivered[c][x] kWh at prefixCost[c][x]; x = 0..h. */
        private final double[][] prefixDelivered;
        private final double[][] prefixCost;
        /** Car c's fill when it owns [y, h): suffixDelivered[c][y], suffixCost[c][y]; y = 0..h. */
        private final double[][] suffixDelivered;
        private final double[][] suffixCost;
        /** Car c's fill when it owns [a, b) with 0 &lt; a &lt; b &lt; h: [c][a][b]; only for three blocks. */
        private final double[][][] middleDelivered;
        private final double[][][] middleCost;

        Model(PlanRequest request) {
            this.request = request;
            List<PlanCar> cars = request.cars();
            List<PriceSlot> slots = request.slots();
            n = cars.size();
            t = slots.size();
            eff = request.efficiency();
            double maxKnown = slots.stream().map(PriceSlot::price).filter(p -> p != null).mapToDouble(p -> p)
                    .max().orElse(0);
            key = new double[t];
            for (int s = 0; s < t; s++) {
                Double p = slots.get(s).price();
                key[s] = p == null ? maxKnown : p;
            }
            Integer[] order = new Integer[t];
            for (int s = 0; s < t; s++) {
                order[s] = s;
            }
            Arrays.sort(order, (x, y) -> key[x] != key[y] ? Double.compare(key[x], key[y]) : Integer.compare(x, y));
            rank = new int[t];
            byRank = new int[t];
            for (int r = 0; r < t; r++) {
                rank[order[r]] = r;
                byRank[r] = order[r];
            }
            cap = new double[n][t];
            need = new double[n];
            urgent = new double[n];
            departs = new boolean[n];
            for (int c = 0; c < n; c++) {
                PlanCar car = cars.get(c);
                need[c] = car.neededKwh();
                urgent[c] = car.urgentKwh();
                Instant departure = car.departure();
                departs[c] = departure != null;
                if (!car.atHome()) {
                    continue;
                }
                for (int s = 0; s < t; s++) {
                    PriceSlot slot = slots.get(s);
                    double hours = slot.hours();
                    if (departure != null) {
                        long usable = Math.min(slot.end().toEpochMilli(), departure.toEpochMilli())
                                - slot.start().toEpochMilli();
                        hours = Math.max(0, usable) / 3_600_000.0;
                    }
                    cap[c][s] = car.chargeKw() * hours * eff;
                }
            }
            able = IntStream.range(0, n)
                    .filter(c -> need[c] > 0 && Arrays.stream(cap[c]).anyMatch(kwh -> kwh > 0)).toArray();
            int end = 0;
            for (int c : able) {
                for (int s = end; s < t; s++) {
                    if (cap[c][s] > 0) {
                        end = s + 1;
                    }
                }
            }
            h = end;
            int onCable = -1;
            for (int c = 0; c < n; c++) {
                if (cars.get(c).id().equals(request.cableCar())) {
                    onCable = c;
                }
            }
            cableCar = onCable;
            prefixDelivered = new double[n][];
            prefixCost = new double[n][];
            suffixDelivered = new double[n][];
            suffixCost = new double[n][];
            middleDelivered = new double[n][][];
            middleCost = new double[n][][];
        }

        Best search() {
            int maxBlocks = request.maxSwaps() + 1;
            buildFills(maxBlocks >= 3);
            Search search = new Search();
            // Fewer blocks first: a plan with more swaps replaces one only when strictly better.
            search.consider(new int[0], new int[] { 0 }, ZERO);
            if (cableCar >= 0 && contains(able, cableCar)) {
                search.single(cableCar); // the car on the cable first: no swap wins a tie
            }
            for (int a : able) {
                if (maxBlocksFrom(a) >= 1 && a != cableCar) {
                    search.single(a);
                }
            }
            for (int a : able) {
                if (maxBlocksFrom(a) < 2) {
                    continue;
                }
                for (int b : able) {
                    if (a != b) {
                        search.pair(a, b);
                    }
                }
            }
            for (int a : able) {
                if (maxBlocksFrom(a) >= 3) {
                    search.threeBlocksFrom(a);
                }
            }
            return new Best(search.bestSeq, search.bestBounds);
        }

        /**
         * How many blocks a sequence starting with car a may have: maxSwaps + 1, one fewer when the cable must first
         * move to a from another car.
         */
        int maxBlocksFrom(int a) {
            return request.maxSwaps() + 1 - (cableCar >= 0 && a != cableCar ? 1 : 0);
        }

        /** Adds car c's contribution with this much delivered at this cost. */
        void addCar(double[] score, int c, double deliveredKwh, double valuedCost) {
            score[0] += Math.max(0, urgent[c] - deliveredKwh);
            double missing = Math.max(0, need[c] - deliveredKwh);
            score[departs[c] ? 1 : 2] += missing;
            score[3] += valuedCost;
        }

        /** into = base + car c's contribution with this much delivered at this cost (into may be base). */
        private void plus(double[] into, double[] base, int c, double deliveredKwh, double valuedCost) {
            double missing = Math.max(0, need[c] - deliveredKwh);
            into[0] = base[0] + Math.max(0, urgent[c] - deliveredKwh);
            into[1] = base[1] + (departs[c] ? missing : 0);
            into[2] = base[2] + (departs[c] ? 0 : missing);
            into[3] = base[3] + valuedCost;
        }

        private static boolean contains(int[] seq, int c) {
            for (int x : seq) {
                if (x == c) {
                    return true;
                }
            }
            return false;
        }

        private static boolean better(double[] x, double[] y) {
            return PlanScore.compare(x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]) < 0;
        }

        /** The fills of every able car: prefixes and suffixes, and the middle intervals when three blocks may be. */
        private void buildFills(boolean middles) {
            for (int c : able) {
                prefixDelivered[c] = new double[h + 1];
                prefixCost[c] = new double[h + 1];
                GreedyFill fill = new GreedyFill(c);
                for (int x = 1; x <= h; x++) {
                    fill.add(x - 1);
                    prefixDelivered[c][x] = fill.delivered();
                    prefixCost[c][x] = fill.cost();
                }
                suffixDelivered[c] = new double[h + 1];
                suffixCost[c] = new double[h + 1];
                fill = new GreedyFill(c);
                for (int y = h - 1; y >= 0; y--) {
                    fill.add(y);
                    suffixDelivered[c][y] = fill.delivered();
                    suffixCost[c][y] = fill.cost();
                }
                if (!middles) {
                    continue;
                }
                middleDelivered[c] = new double[Math.max(0, h - 1)][];
                middleCost[c] = new double[Math.max(0, h - 1)][];
                for (int a = 1; a < h - 1; a++) {
                    double[] d = new double[h];
                    double[] k = new double[h];
                    fill = new GreedyFill(c);
                    for (int b = a + 1; b < h; b++) {
                        fill.add(b - 1);
                        d[b] = fill.delivered();
                        k[b] = fill.cost();
                    }
                    middleDelivered[c][a] = d;
                    middleCost[c][a] = k;
                }
            }
        }

        /**
         * Cheapest-first fill of one car's need over a growing set of slots: the chosen slots are the cheapest of the
         * set (by rank) that cover the need. chosen[r] marks the chosen slot of rank r and top is the dearest one; it
         * is dropped while the others still cover the need. Once the need is covered, top only moves down, so growing
         * a fill slot by slot over T slots costs O(T) in all (no heap, no allocation after the constructor).
         */
        final class GreedyFill {
            private final int car;
            private final boolean[] chosen = new boolean[t];
            private int top = -1;
            private double chosenKwh;
            private double chosenCost;

            GreedyFill(int car) {
                this.car = car;
            }

            void copyFrom(GreedyFill other) {
                System.arraycopy(other.chosen, 0, chosen, 0, t);
                top = other.top;
                chosenKwh = other.chosenKwh;
                chosenCost = other.chosenCost;
            }

            void add(int slot) {
                double kwh = cap[car][slot];
                if (kwh <= 0 || need[car] <= 0) {
                    return;
                }
                int r = rank[slot];
                if (top >= 0 && r > top && chosenKwh >= need[car] - EPS) {
                    return; // dearer than every chosen slot, which already cover the need
                }
                chosen[r] = true;
                top = Math.max(top, r);
                chosenKwh += kwh;
                chosenCost += kwh * key[slot] / eff;
                while (top >= 0 && chosenKwh - cap[car][byRank[top]] >= need[car] - EPS) {
                    int dearest = byRank[top];
                    chosen[top] = false;
                    chosenKwh -= cap[car][dearest];
                    chosenCost -= cap[car][dearest] * key[dearest] / eff;
                    do {
                        top--;
                    } while (top >= 0 && !chosen[top]);
                }
            }

            double delivered() {
                return Math.max(0, Math.min(need[car], chosenKwh));
            }

            /** The cost of what is delivered: the dearest chosen slot only partly used. */
            double cost() {
                double excess = chosenKwh - delivered();
                if (excess <= 0 || top < 0) {
                    return chosenCost;
                }
                return chosenCost - excess * key[byRank[top]] / eff;
            }
        }

        /**
         * Keeps the best sequence seen. Each method finds the best boundaries of one sequence (or, for three blocks,
         * of every sequence starting with one car) by its own cars' contributions, then offers it to
         * {@link #consider}.
         */
        final class Search {
            int[] bestSeq = new int[0];
            int[] bestBounds = new int[] { 0 };
            private final double[] bestScore = new double[] { Double.MAX_VALUE, 0, 0, 0 };
            private final double[] full = new double[4];
            private final double[] candidate = new double[4];
            private final double[] chosen = new double[4];
            /** The first block's car's own contribution, while the later blocks vary. */
            private final double[] own = new double[4];
            /** A–B: pairBest[y] is the best of A on [0, x) and B on [x, y) over x, pairX[y] that x. */
            private final double[][] pairBest = new double[h][4];
            private final int[] pairX = new int[h];
            /** X–Y–X: per Y, the best of X on [0, x) ∪ [y, T) and Y on [x, y); sandwichY[Y] &lt; 0: none. */
            private final double[][] sandwichBest = new double[n][4];
            private final int[] sandwichX = new int[n];
            private final int[] sandwichY = new int[n];
            /** A's part of A–B–A for the current x, per y. */
            private final double[][] sandwichOwn = new double[h][4];

            /** Takes the sequence if strictly better; partial holds its cars' contributions, the others get none. */
            void consider(int[] seq, int[] bounds, double[] partial) {
                System.arraycopy(partial, 0, full, 0, 4);
                for (int c = 0; c < n; c++) {
                    if (!contains(seq, c)) {
                        addCar(full, c, 0, 0);
                    }
                }
                if (better(full, bestScore)) {
                    bestSeq = seq;
                    bestBounds = bounds;
                    System.arraycopy(full, 0, bestScore, 0, 4);
                }
            }

            void single(int a) {
                plus(chosen, ZERO, a, prefixDelivered[a][h], prefixCost[a][h]);
                consider(new int[] { a }, new int[] { 0, h }, chosen);
            }

            /** A on [0, x), B on [x, T). */
            void pair(int a, int b) {
                int bestX = -1;
                for (int x = 1; x < h; x++) {
                    plus(candidate, ZERO, a, prefixDelivered[a][x], prefixCost[a][x]);
                    plus(candidate, candidate, b, suffixDelivered[b][x], suffixCost[b][x]);
                    if (bestX < 0 || better(candidate, chosen)) {
                        bestX = x;
                        System.arraycopy(candidate, 0, chosen, 0, 4);
                    }
                }
                if (bestX >= 0) {
                    consider(new int[] { a, b }, new int[] { 0, bestX, h }, chosen);
                }
            }

            /** Every three-block sequence starting with A: A–B–C for each B, C, and A–B–A. */
            void threeBlocksFrom(int a) {
                sandwiches(a);
                for (int b : able) {
                    if (b == a) {
                        continue;
                    }
                    pairPrefixes(a, b);
                    for (int c : able) {
                        if (c != a && c != b) {
                            triple(a, b, c);
                        }
                    }
                    if (sandwichY[b] >= 0) {
                        consider(new int[] { a, b, a }, new int[] { 0, sandwichX[b], sandwichY[b], h },
                                sandwichBest[b]);
                    }
                }
            }

            /**
             * For each y in [2, T): the first x in [1, y) with the best A on [0, x) and B on [x, y). x is the outer loop
             * (rising, so the first best x is kept) to read B's fills row by row.
             */
            private void pairPrefixes(int a, int b) {
                Arrays.fill(pairX, -1);
                for (int x = 1; x < h - 1; x++) {
                    plus(own, ZERO, a, prefixDelivered[a][x], prefixCost[a][x]);
                    double[] delivered = middleDelivered[b][x];
                    double[] cost = middleCost[b][x];
                    for (int y = x + 1; y < h; y++) {
                        plus(candidate, own, b, delivered[y], cost[y]);
                        if (pairX[y] < 0 || better(candidate, pairBest[y])) {
                            pairX[y] = x;
                            System.arraycopy(candidate, 0, pairBest[y], 0, 4);
                        }
                    }
                }
            }

            /** A–B–C with the pair prefixes of A–B: C on [y, T) after the best A–B ending at y. */
            private void triple(int a, int b, int c) {
                int bestY = -1;
                for (int y = 2; y < h; y++) {
                    plus(candidate, pairBest[y], c, suffixDelivered[c][y], suffixCost[c][y]);
                    if (bestY < 0 || better(candidate, chosen)) {
                        bestY = y;
                        System.arraycopy(candidate, 0, chosen, 0, 4);
                    }
                }
                if (bestY >= 0) {
                    consider(new int[] { a, b, c }, new int[] { 0, pairX[bestY], bestY, h }, chosen);
                }
            }

            /**
             * A–B–A for every B: A owns [0, x) and [y, T), B owns [x, y). For each x, A's fill of [0, x) is copied and
             * grown by slot y as y moves left, giving A's part for every y; then every B is scored against those. Per
             * B: x rising, y falling, the first best is kept.
             */
            private void sandwiches(int a) {
                Arrays.fill(sandwichY, -1);
                GreedyFill head = new GreedyFill(a);
                GreedyFill fill = new GreedyFill(a);
                for (int x = 1; x < h - 1; x++) {
                    head.add(x - 1);
                    fill.copyFrom(head);
                    for (int y = h - 1; y > x; y--) {
                        fill.add(y);
                        plus(sandwichOwn[y], ZERO, a, fill.delivered(), fill.cost());
                    }
                    for (int b : able) {
                        if (b == a) {
                            continue;
                        }
                        double[] delivered = middleDelivered[b][x];
                        double[] cost = middleCost[b][x];
                        double[] best = sandwichBest[b];
                        for (int y = h - 1; y > x; y--) {
                            plus(candidate, sandwichOwn[y], b, delivered[y], cost[y]);
                            if (sandwichY[b] < 0 || better(candidate, best)) {
                                sandwichX[b] = x;
                                sandwichY[b] = y;
                                System.arraycopy(candidate, 0, best, 0, 4);
                            }
                        }
                    }
                }
            }
        }

        /** The energy per slot for the chosen blocks: each car fills its own slots cheapest first. */
        double[] energies(Best best, int[] owner) {
            Arrays.fill(owner, -1);
            for (int j = 0; j < best.seq().length; j++) {
                for (int s = best.bounds()[j]; s < best.bounds()[j + 1]; s++) {
                    owner[s] = best.seq()[j];
                }
            }
            double[] energy = new double[t];
            double[] remaining = need.clone();
            for (int r = 0; r < t; r++) {
                int s = byRank[r];
                int c = owner[s];
                if (c < 0 || remaining[c] <= EPS || cap[c][s] <= 0) {
                    continue;
                }
                double e = Math.min(cap[c][s], remaining[c]);
                energy[s] = e;
                remaining[c] -= e;
            }
            for (int s = 0; s < t; s++) {
                if (energy[s] <= EPS) {
                    energy[s] = 0;
                    owner[s] = -1;
                }
            }
            return energy;
        }

        NightPlan toPlan(Best best) {
            List<PlanCar> cars = request.cars();
            List<PriceSlot> priceSlots = request.slots();
            int[] owner = new int[t];
            double[] energy = energies(best, owner);
            List<PlannedSlot> slots = new ArrayList<>(t);
            double[] carEnergy = new double[n];
            double[] carCost = new double[n];
            double[] carValued = new double[n];
            @Nullable
            Instant[] start = new Instant[n];
            @Nullable
            Instant[] end = new Instant[n];
            double total = 0;
            double unpriced = 0;
            for (int s = 0; s < t; s++) {
                int c = owner[s];
                PriceSlot ps = priceSlots.get(s);
                PlannedSlot slot = PlannedSlot.of(ps, c < 0 ? null : cars.get(c).id(), energy[s],
                        c < 0 ? 0 : cap[c][s], eff);
                slots.add(slot);
                if (c < 0) {
                    continue;
                }
                carEnergy[c] += energy[s];
                carCost[c] += slot.cost();
                carValued[c] += slot.gridKwh() * key[s];
                total += slot.cost();
                if (ps.price() == null) {
                    unpriced += slot.gridKwh();
                }
                if (start[c] == null) {
                    start[c] = slot.start();
                }
                end[c] = slot.chargeUntil();
            }
            double[] score = new double[4];
            List<CarPlan> carPlans = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                PlanCar car = cars.get(c);
                addCar(score, c, carEnergy[c], carValued[c]);
                double expected = Math.min(100, car.socPercent() + carEnergy[c] / car.capacityKwh() * 100);
                double shortfall = need[c] - carEnergy[c] > 1e-6 ? Math.max(0, car.targetPercent() - expected) : 0;
                carPlans.add(new CarPlan(car.id(), car.name(), expected, car.targetPercent(), shortfall, carEnergy[c],
                        carEnergy[c] / eff, carCost[c], start[c], end[c], car.departure(), car.atHome()));
            }
            List<Instant> swapTimes = new ArrayList<>();
            List<PlanReason> swapReasons = new ArrayList<>();
            int previous = cableCar; // moving the cable from the car on it now is a swap too
            for (int s = 0; s < t; s++) {
                int c = owner[s];
                if (c < 0) {
                    continue;
                }
                if (previous >= 0 && c != previous) {
                    Instant at = priceSlots.get(s).start();
                    swapTimes.add(at);
                    swapReasons.add(new PlanReason(Code.SWAP, cars.get(c).name(), cars.get(previous).name(), at, null,
                            Double.NaN, Double.NaN));
                }
                previous = c;
            }
            boolean pricesKnown = priceSlots.stream().anyMatch(p -> p.price() != null);
            List<PlanReason> reasons = PlanReasons.explain(request, carPlans, urgent, swapReasons, pricesKnown,
                    firstCharging(owner));
            return new NightPlan(slots, carPlans, total, unpriced, request.currency(), pricesKnown, swapTimes.size(),
                    swapTimes.isEmpty() ? null : swapTimes.get(0), reasons,
                    new PlanScore(score[0], score[1], score[2], score[3]));
        }

        private int firstCharging(int[] owner) {
            for (int c : owner) {
                if (c >= 0) {
                    return c;
                }
            }
            return -1;
        }
    }
}
