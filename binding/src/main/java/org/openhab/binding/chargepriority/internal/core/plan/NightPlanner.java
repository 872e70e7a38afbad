package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * slots a car owns, filling its need cheapest slot first is optimal, so only the block boundaries matter. For
 * sequences without a repeated car the score is a sum over blocks: a dynamic programme over the boundaries on a table
 * of every interval's value per car (built in O(N·T² log T) by adding slots to a heap). The only repeating sequence
 * S ≤ 2 allows, X-Y-X, is swept with X's fill grown one slot at a time.
 */
@NonNullByDefault
public final class NightPlanner {

    private static final double EPS = 1e-9;

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
        /** value[c][a][b] = {delivered, cost} when car c owns [a, b); filled lazily per car. */
        private double[][][] delivered = new double[0][][];
        private double[][][] cost = new double[0][][];

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
        }

        Best search() {
            buildIntervalTable();
            Search search = new Search();
            // Fewer blocks first: a plan with more swaps replaces one only when strictly better.
            search.consider(new int[0], new int[] { 0 }, baseline());
            for (int c = 0; c < n; c++) {
                search.single(c);
            }
            int maxBlocks = request.maxSwaps() + 1;
            if (maxBlocks >= 2) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        if (a != b) {
                            search.pair(a, b);
                        }
                    }
                }
            }
            if (maxBlocks >= 3) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        if (a == b) {
                            continue;
                        }
                        // The best first boundary for each second one depends on A and B only: once per pair.
                        int[] bestFirst = n > 2 ? search.bestFirst(a, b) : new int[0];
                        for (int c = 0; c < n; c++) {
                            if (c != b && c != a) {
                                search.triple(a, b, c, bestFirst);
                            }
                        }
                        search.sandwich(a, b);
                    }
                }
            }
            return new Best(search.bestSeq, search.bestBounds);
        }

        /** The score when no car charges. */
        private double[] baseline() {
            double[] score = new double[4];
            for (int c = 0; c < n; c++) {
                addCar(score, c, 0, 0);
            }
            return score;
        }

        /** Adds car c's contribution with this much delivered at this cost. */
        void addCar(double[] score, int c, double deliveredKwh, double valuedCost) {
            score[0] += Math.max(0, urgent[c] - deliveredKwh);
            double missing = Math.max(0, need[c] - deliveredKwh);
            score[departs[c] ? 1 : 2] += missing;
            score[3] += valuedCost;
        }

        private void buildIntervalTable() {
            delivered = new double[n][][];
            cost = new double[n][][];
            for (int c = 0; c < n; c++) {
                delivered[c] = new double[t + 1][];
                cost[c] = new double[t + 1][];
                for (int a = 0; a <= t; a++) {
                    double[] d = new double[t + 1];
                    double[] k = new double[t + 1];
                    GreedyFill fill = new GreedyFill(c);
                    for (int b = a + 1; b <= t; b++) {
                        fill.add(b - 1);
                        d[b] = fill.delivered();
                        k[b] = fill.cost();
                    }
                    delivered[c][a] = d;
                    cost[c][a] = k;
                }
            }
        }

        /**
         * Cheapest-first fill of one car's need over a growing set of slots: the chosen slots in a max-heap by price
         * rank (a plain int array: this runs O(N·T²) times), the dearest dropped while the rest still covers the need.
         */
        final class GreedyFill {
            private final int car;
            private final int[] heap = new int[t];
            private int size;
            private double chosenKwh;
            private double chosenCost;

            GreedyFill(int car) {
                this.car = car;
            }

            void add(int slot) {
                double kwh = cap[car][slot];
                if (kwh <= 0 || need[car] <= 0) {
                    return;
                }
                push(slot);
                chosenKwh += kwh;
                chosenCost += kwh * key[slot] / eff;
                while (size > 0) {
                    int top = heap[0];
                    if (chosenKwh - cap[car][top] < need[car] - EPS) {
                        break;
                    }
                    pop();
                    chosenKwh -= cap[car][top];
                    chosenCost -= cap[car][top] * key[top] / eff;
                }
            }

            double delivered() {
                return Math.max(0, Math.min(need[car], chosenKwh));
            }

            double cost() {
                double excess = chosenKwh - delivered();
                if (excess <= 0 || size == 0) {
                    return chosenCost;
                }
                return chosenCost - excess * key[heap[0]] / eff;
            }

            private void push(int slot) {
                int i = size++;
                heap[i] = slot;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (rank[heap[parent]] >= rank[heap[i]]) {
                        break;
                    }
                    swap(i, parent);
                    i = parent;
                }
            }

            private void pop() {
                heap[0] = heap[--size];
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int largest = i;
                    if (l < size && rank[heap[l]] > rank[heap[largest]]) {
                        largest = l;
                    }
                    if (r < size && rank[heap[r]] > rank[heap[largest]]) {
                        largest = r;
                    }
                    if (largest == i) {
                        return;
                    }
                    swap(i, largest);
                    i = largest;
                }
            }

            private void swap(int i, int j) {
                int x = heap[i];
                heap[i] = heap[j];
                heap[j] = x;
            }
        }

        /** Keeps the best sequence seen. */
        final class Search {
            int[] bestSeq = new int[0];
            int[] bestBounds = new int[] { 0 };
            double[] bestScore = new double[] { Double.MAX_VALUE, 0, 0, 0 };
            private final double[] work = new double[4];

            boolean better(double[] score) {
                return PlanScore.compare(score[0], score[1], score[2], score[3], bestScore[0], bestScore[1],
                        bestScore[2], bestScore[3]) < 0;
            }

            void consider(int[] seq, int[] bounds, double[] score) {
                if (PlanScore.compare(score[0], score[1], score[2], score[3], bestScore[0], bestScore[1],
                        bestScore[2], bestScore[3]) < 0) {
                    bestSeq = seq;
                    bestBounds = bounds;
                    bestScore = score.clone();
                }
            }

            /** Score of the sequence with these boundaries; cars not in it deliver nothing. */
            private double[] score(int[] seq, int[] bounds) {
                Arrays.fill(work, 0);
                boolean[] seen = new boolean[n];
                for (int j = 0; j < seq.length; j++) {
                    int c = seq[j];
                    seen[c] = true;
                    addCar(work, c, delivered[c][bounds[j]][bounds[j + 1]], cost[c][bounds[j]][bounds[j + 1]]);
                }
                for (int c = 0; c < n; c++) {
                    if (!seen[c]) {
                        addCar(work, c, 0, 0);
                    }
                }
                return work;
            }

            void single(int c) {
                int[] seq = { c };
                int[] bounds = { 0, t };
                consider(seq, bounds, score(seq, bounds));
            }

            void pair(int a, int b) {
                int[] seq = { a, b };
                for (int x = 1; x < t; x++) {
                    int[] bounds = { 0, x, t };
                    consider(seq, bounds, score(seq, bounds));
                }
            }

            /**
             * For A on [0,x) and B on [x,y): the x in [1, y) with the best score of A and B, for every y (a dynamic
             * programme's table). A third car's part does not depend on x, so the table serves every A-B-C.
             */
            int[] bestFirst(int a, int b) {
                int[] best = new int[t];
                double[] partial = new double[4];
                double[] candidate = new double[4];
                for (int y = 2; y < t; y++) {
                    int bestX = -1;
                    for (int x = 1; x < y; x++) {
                        Arrays.fill(candidate, 0);
                        addCar(candidate, a, delivered[a][0][x], cost[a][0][x]);
                        addCar(candidate, b, delivered[b][x][y], cost[b][x][y]);
                        if (bestX < 0 || PlanScore.compare(candidate[0], candidate[1], candidate[2], candidate[3],
                                partial[0], partial[1], partial[2], partial[3]) < 0) {
                            bestX = x;
                            System.arraycopy(candidate, 0, partial, 0, 4);
                        }
                    }
                    best[y] = bestX;
                }
                return best;
            }

            /** A-B-C, three different cars: each second boundary y with its best first one. */
            void triple(int a, int b, int c, int[] bestFirst) {
                int[] seq = { a, b, c };
                for (int y = 2; y < t; y++) {
                    int[] bounds = { 0, bestFirst[y], y, t };
                    consider(seq, bounds, score(seq, bounds));
                }
            }

            /** A-B-A: A owns [0,x) and [y,T), B owns [x,y); A's fill grows as y moves left. */
            void sandwich(int a, int b) {
                int[] seq = { a, b, a };
                for (int x = 1; x < t - 1; x++) {
                    GreedyFill fill = new GreedyFill(a);
                    for (int s = 0; s < x; s++) {
                        fill.add(s);
                    }
                    for (int y = t - 1; y > x; y--) {
                        fill.add(y);
                        Arrays.fill(work, 0);
                        addCar(work, a, fill.delivered(), fill.cost());
                        addCar(work, b, delivered[b][x][y], cost[b][x][y]);
                        for (int c = 0; c < n; c++) {
                            if (c != a && c != b) {
                                addCar(work, c, 0, 0);
                            }
                        }
                        if (better(work)) { // the bounds array only for a new best: this loop runs N²·T² times
                            consider(seq, new int[] { 0, x, y, t }, work);
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
            int previous = -1;
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
