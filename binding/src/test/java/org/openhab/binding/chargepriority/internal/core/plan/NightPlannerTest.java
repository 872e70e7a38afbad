package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.plan.PlanReason.Code;

/** What a household sees in one night's plan. */
@NonNullByDefault
class NightPlannerTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** 18:00 Oslo time. */
    private static final Instant EVENING = Instant.parse("2023-01-10T17:00:00Z");
    private static final Instant DEPARTURE = Instant.parse("2023-01-11T06:30:00Z"); // 07:30 Oslo

    private final NightPlanner planner = new NightPlanner();

    /** Hourly prices from 18:00: expensive evening, cheap 01:00–05:00, expensive morning. */
    private static List<PriceSlot> night(double... prices) {
        List<PriceSlot> slots = new ArrayList<>();
        for (int h = 0; h < prices.length; h++) {
            slots.add(new PriceSlot(EVENING.plus(Duration.ofHours(h)), EVENING.plus(Duration.ofHours(h + 1)),
                    Double.isNaN(prices[h]) ? null : prices[h]));
        }
        return slots;
    }

    private static final double[] JAN_10_EVENING = { 1.82, 1.61, 1.45, 1.29, 1.11, 0.74, 0.56, 0.37, 0.34, 0.30,
            0.34, 0.35, 0.82, 1.33, 1.59 };

    private static PlanCar car(String id, double soc, double capacity, double target, @Nullable Instant departure) {
        return new PlanCar(id, id, soc, capacity, target, departure, true, 11, 20, 0, 0);
    }

    @Test
    void chargesInTheCheapestHoursBeforeDeparture() {
        PlanCar tesla = car("Tesla", 50, 75, 80, DEPARTURE); // needs 22.5 kWh = 2.27 h at 9.9 kWh/h
        NightPlan plan = planner.plan(new PlanRequest(List.of(tesla), night(JAN_10_EVENING), 0.9, 1, "NOK"));
        CarPlan result = plan.car("Tesla").orElseThrow();
        assertEquals(80, result.expectedSocPercent(), 1e-9);
        assertEquals(0, result.shortfallPercent());
        // 03:00, 02:00 Oslo are the cheapest hours (0.30, 0.34 at 02:00 and 04:00), never the 18:00 peak
        assertNull(plan.slots().get(0).carId());
        assertEquals("Tesla", plan.slots().get(9).carId());
        assertTrue(plan.totalCost() >= 22.5 / 0.9 * 0.30 - 1e-9, "cost " + plan.totalCost());
        assertTrue(plan.totalCost() < 22.5 / 0.9 * 0.35, "cost " + plan.totalCost());
        assertTrue(plan.chargeNow(Instant.parse("2023-01-11T02:30:00Z")));
        assertFalse(plan.chargeNow(EVENING));
    }

    @Test
    void oneSwapLetsBothCarsReachTheirTargetAndSaysWhenToMoveTheCable() {
        PlanCar tesla = car("Tesla", 40, 75, 80, DEPARTURE); // 30 kWh
        PlanCar ioniq = car("Ioniq", 40, 74, 80, DEPARTURE); // 29.6 kWh
        NightPlan plan = planner.plan(new PlanRequest(List.of(tesla, ioniq), night(JAN_10_EVENING), 0.9, 1, "NOK"));
        assertEquals(80, plan.car("Tesla").orElseThrow().expectedSocPercent(), 1e-9);
        assertEquals(80, plan.car("Ioniq").orElseThrow().expectedSocPercent(), 1e-9);
        assertEquals(1, plan.swaps());
        assertNotNull(plan.nextSwap());
        PlanReason swap = plan.reasons().stream().filter(r -> r.code() == Code.SWAP).findFirst().orElseThrow();
        String en = PlanText.render(swap, "en", OSLO);
        assertTrue(en.matches("Move the cable from the (Tesla|Ioniq) to the (Tesla|Ioniq) at \\d\\d:\\d\\d"), en);
        assertTrue(PlanText.render(swap, "nb", OSLO).startsWith("Flytt kabelen fra "));
    }

    @Test
    void withNoSwapOnlyOneCarChargesAndTheOtherIsToldItsShortfall() {
        PlanCar tesla = car("Tesla", 40, 75, 80, DEPARTURE);
        PlanCar ioniq = car("Ioniq", 62, 74, 80, DEPARTURE);
        NightPlan plan = planner.plan(new PlanRequest(List.of(tesla, ioniq), night(JAN_10_EVENING), 0.9, 0, "NOK"));
        assertEquals(0, plan.swaps());
        // the Tesla misses more, so it gets the charger; the Ioniq leaves as it is
        assertEquals(80, plan.car("Tesla").orElseThrow().expectedSocPercent(), 1e-9);
        assertEquals(62, plan.car("Ioniq").orElseThrow().expectedSocPercent(), 1e-9);
        List<String> en = plan.reasons().stream().map(r -> PlanText.render(r, "en", OSLO)).toList();
        List<String> nb = plan.reasons().stream().map(r -> PlanText.render(r, "nb", OSLO)).toList();
        assertTrue(en.contains("The Ioniq will leave with 62 % instead of 80 %"), en.toString());
        assertTrue(nb.contains("Ioniq kjører med 62 % i stedet for 80 %"), nb.toString());
    }

    @Test
    void urgencyDecidesWhoGetsTheEnergyWhenTheNightIsTooShort() {
        // three hours to departure: 29.7 kWh for both
        Instant early = EVENING.plus(Duration.ofHours(3));
        PlanCar low = new PlanCar("Ioniq", "Ioniq", 10, 74, 80, early, true, 11, 20, 0, 0); // below its minimum
        PlanCar fuller = new PlanCar("Tesla", "Tesla", 30, 75, 80, early, true, 11, 20, 0, 0);
        NightPlan plan = planner.plan(new PlanRequest(List.of(fuller, low), night(1, 1, 1, 1), 0.9, 1, "NOK"));
        CarPlan ioniq = plan.car("Ioniq").orElseThrow();
        assertTrue(ioniq.expectedSocPercent() >= 20 - 1e-9, "the urgent car reaches its minimum first");
        assertTrue(plan.reasons().stream().anyMatch(r -> r.code() == Code.URGENT_FIRST && r.vehicle().equals("Ioniq")));
    }

    @Test
    void neverChargesAnAwayCarNorPastItsTarget() {
        PlanCar away = new PlanCar("Tesla", "Tesla", 30, 75, 80, DEPARTURE, false, 11, 20, 0, 0);
        PlanCar full = car("Ioniq", 85, 74, 80, DEPARTURE);
        NightPlan plan = planner.plan(new PlanRequest(List.of(away, full), night(JAN_10_EVENING), 0.9, 1, "NOK"));
        assertTrue(plan.slots().stream().allMatch(s -> s.carId() == null));
        List<String> en = plan.reasons().stream().map(r -> PlanText.render(r, "en", OSLO)).toList();
        assertTrue(en.contains("The Tesla is not at home: it is planned when it arrives"), en.toString());
        assertTrue(en.contains("The Ioniq is already at its target of 80 %"), en.toString());
    }

    @Test
    void withoutPricesItChargesAtOnceByUrgencyAndSaysSo() {
        double[] unknown = new double[15];
        java.util.Arrays.fill(unknown, Double.NaN);
        PlanCar tesla = car("Tesla", 50, 75, 80, DEPARTURE);
        NightPlan plan = planner.plan(new PlanRequest(List.of(tesla), night(unknown), 0.9, 1, "NOK"));
        assertFalse(plan.pricesKnown());
        assertEquals("Tesla", plan.slots().get(0).carId(), "at once, since no hour is known to be cheaper");
        assertEquals(PlanReason.Code.NO_PRICES, plan.reasons().get(0).code());
        assertEquals("No prices are known: planned by urgency only", PlanText.render(plan.reasons().get(0), "en",
                OSLO));
        assertEquals(0, plan.totalCost());
    }

    @Test
    void theLastSlotIsOnlyPartlyUsedSoTheCarStopsAtItsTarget() {
        PlanCar tesla = car("Tesla", 75, 75, 80, DEPARTURE); // 3.75 kWh: 0.38 of an hour
        NightPlan plan = planner.plan(new PlanRequest(List.of(tesla), night(JAN_10_EVENING), 0.9, 1, "NOK"));
        PlannedSlot used = plan.slots().stream().filter(s -> s.carId() != null).findFirst().orElseThrow();
        assertEquals(3.75, used.energyKwh(), 1e-9);
        assertEquals(Duration.ofSeconds(Math.round(3.75 / 9.9 * 3600)).toSeconds(),
                Duration.between(used.start(), used.chargeUntil()).toSeconds(), 1);
    }

    @Test
    void nothingConfiguredMeansTheSnapshotRuleStays() {
        double[] unknown = new double[3];
        java.util.Arrays.fill(unknown, Double.NaN);
        PlanRequest request = new PlanRequest(List.of(car("Tesla", 50, 75, 80, null)), night(unknown), 0.9, 1, "NOK");
        assertFalse(request.hasPlanningInput());
        assertTrue(new PlanRequest(List.of(car("Tesla", 50, 75, 80, DEPARTURE)), night(unknown), 0.9, 1, "NOK")
                .hasPlanningInput());
    }
}
