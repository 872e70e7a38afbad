package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Large instances (48 h of quarter-hours, up to 6 cars): no constraint is ever broken, and the plan is never worse
 * than simple feasible plans (urgency first, each car charged at once in turn) or than itself with fewer swaps.
 */
@NonNullByDefault
class NightPlannerPropertyTest {

    private final NightPlanner planner = new NightPlanner();

    @Test
    void largeInstancesKeepEveryConstraintAndBeatSimplePlans() {
        Random rnd = new Random(48L * 4);
        for (int i = 0; i < 40; i++) {
            int cars = 2 + rnd.nextInt(5);
            PlanRequest req = RandomPlans.instance(rnd, cars, 192, 15);
            NightPlan plan = planner.plan(req);
            PlanScore score = PlanChecker.verify(req, plan);
            PlanScore simple = PlanChecker.scoreOf(req, atOnceInTurn(req));
            assertTrue(score.compareTo(simple) <= 0, () -> "worse than charging in turn: " + score + " vs " + simple);
            if (req.maxSwaps() > 0) {
                PlanRequest fewer = new PlanRequest(req.cars(), req.slots(), req.efficiency(), req.maxSwaps() - 1,
                        req.currency());
                assertTrue(score.compareTo(planner.plan(fewer).score()) <= 0, "more swaps allowed never hurts");
            }
            for (PlanReason reason : plan.reasons()) {
                assertFalse(PlanText.render(reason, "en", java.time.ZoneOffset.UTC).isBlank());
                assertFalse(PlanText.render(reason, "nb", java.time.ZoneOffset.UTC).isBlank());
            }
        }
    }

    /** Most urgent first, each car from the first free slot until full, as many cars as the swaps allow. */
    private static int[] atOnceInTurn(PlanRequest req) {
        int t = req.slots().size();
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < req.cars().size(); c++) {
            if (req.cars().get(c).atHome() && req.cars().get(c).neededKwh() > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.<Integer> comparingDouble(c -> -req.cars().get(c).urgentKwh()));
        int[] owner = new int[t];
        java.util.Arrays.fill(owner, -1);
        int s = 0;
        for (int k = 0; k < order.size() && k <= req.maxSwaps(); k++) {
            int c = order.get(k);
            double remaining = req.cars().get(c).neededKwh();
            while (s < t && remaining > 1e-9) {
                double e = PlanChecker.capacity(req, c, s);
                if (e <= 0) {
                    break;
                }
                owner[s++] = c;
                remaining -= e;
            }
        }
        return owner;
    }
}
