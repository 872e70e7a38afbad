package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a plan is kept and when it is made again. */
class PlanFollowerTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Instant EVENING = ZonedDateTime.of(2026, 11, 30, 18, 0, 0, 0, OSLO).toInstant();
    static final DepartureSchedule MORNING = new DepartureSchedule(DepartureSchedule.parseTimes("07:30"), null, null);

    final PlanFollower follower = new PlanFollower(new HouseholdPlanner());
    final PlanSettings settings = PlanSettings.defaults(OSLO);

    static PlanPrices prices() {
        List<PriceSlot> slots = new ArrayList<>();
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, OSLO);
        for (int h = 0; h < 48; h++) {
            ZonedDateTime s = t.plusHours(h);
            slots.add(new PriceSlot(s.toInstant(), s.plusHours(1).toInstant(), s.getHour() < 6 ? 0.4 : 1.5));
        }
        return new PlanPrices(slots, "NOK", "NO1", "test", null);
    }

    static List<PlanInput> cars(double tesla, double ioniq, boolean ioniqHome) {
        return List.of(new PlanInput("tesla", "Tesla", tesla, 300, true, null, 75, MORNING),
                new PlanInput("ioniq", "Ioniq", ioniq, 200, ioniqHome, null, 74, MORNING));
    }

    PlanView follow(List<PlanInput> cars, Instant readAt, Instant now) {
        return follower.follow(cars, Map.of("tesla", readAt, "ioniq", readAt), settings, prices(), 80, 20, 50, now);
    }

    @Test
    void aPlanIsKeptWhileTheCarsChargeAsPlannedAndItsSentenceFollowsTheClock() {
        PlanView first = follow(cars(50, 45, true), EVENING, EVENING);
        assertEquals(1, follower.replans());
        NightPlan plan = first.plan();
        assertNotNull(plan);
        CarPlan firstCar = plan.cars().stream().filter(c -> c.start() != null)
                .min((a, b) -> a.start().compareTo(b.start())).orElseThrow();
        Instant midway = firstCar.start().plus(Duration.ofMinutes(30));
        double expected = follower.expectedAt(plan, firstCar.id(), midway);
        assertTrue(expected > ("tesla".equals(firstCar.id()) ? 50 : 45), "it charges in the first half hour");
        List<PlanInput> asPlanned = "tesla".equals(firstCar.id()) ? cars(expected, 45, true)
                : cars(50, expected, true);
        PlanView later = follow(asPlanned, midway, midway);
        assertSame(plan, later.plan(), "kept");
        assertEquals(1, follower.replans());
        assertTrue(later.message().startsWith("Charge the "), later.message());

        // A reading five points below what the plan expected: made again.
        List<PlanInput> slow = "tesla".equals(firstCar.id()) ? cars(expected - 5, 45, true)
                : cars(50, expected - 5, true);
        PlanView again = follow(slow, midway, midway);
        assertNotSame(plan, again.plan());
        assertEquals(2, follower.replans());
    }

    @Test
    void anArrivalANewPriceOrAChangedDepartureMakesItAgain() {
        follow(cars(50, 45, false), EVENING, EVENING);
        follow(cars(50, 45, false), EVENING, EVENING.plusSeconds(900));
        assertEquals(1, follower.replans(), "nothing changed");
        follow(cars(50, 45, true), EVENING, EVENING.plusSeconds(1800));
        assertEquals(2, follower.replans(), "the Ioniq came home");
        List<PlanInput> other = List.of(new PlanInput("tesla", "Tesla", 50.0, 300, true, null, 75,
                new DepartureSchedule(DepartureSchedule.parseTimes("06:00"), null, null)),
                cars(50, 45, true).get(1));
        follower.follow(other, Map.of(), settings, prices(), 80, 20, 50, EVENING.plusSeconds(2700));
        assertEquals(3, follower.replans(), "a departure changed");
        PlanPrices fewer = new PlanPrices(prices().known().subList(0, 30), "NOK", "NO1", "test", null);
        follower.follow(other, Map.of(), settings, fewer, 80, 20, 50, EVENING.plusSeconds(3600));
        assertEquals(4, follower.replans(), "the prices changed");
    }

    @Test
    void aReadingFromBeforeThePlanSaysNothingAboutIt() {
        follow(cars(50, 45, true), EVENING, EVENING);
        follow(cars(20, 10, true), EVENING.minusSeconds(3600), EVENING.plusSeconds(900));
        assertEquals(1, follower.replans());
    }

    /** The cars a plan charges, in the order they are on the cable. */
    static List<String> cableOrder(NightPlan plan) {
        List<String> order = new ArrayList<>();
        for (PlannedSlot slot : plan.slots()) {
            String car = slot.carId();
            if (car != null && slot.energyKwh() > 0 && (order.isEmpty() || !order.get(order.size() - 1).equals(car))) {
                order.add(car);
            }
        }
        return order;
    }

    static List<PlanInput> cars(Map<String, Double> soc) {
        return List.of(new PlanInput("tesla", "Tesla", soc.get("tesla"), 300, true, null, 75, MORNING),
                new PlanInput("ioniq", "Ioniq", soc.get("ioniq"), 200, true, null, 74, MORNING));
    }

    @Test
    void aPlanMadeAgainAfterTheNightsSwapKeepsTheCableWhereItIs() {
        NightPlan first = follow(cars(50, 45, true), EVENING, EVENING).plan();
        assertNotNull(first);
        List<String> order = cableOrder(first);
        assertEquals(2, order.size(), "both cars charge, one swap: " + order);
        Instant swap = first.nextSwap();
        assertNotNull(swap);
        Instant after = swap.plus(Duration.ofMinutes(30));
        String before = order.get(0);
        String onCable = order.get(1);
        // The first car reads 10 points below what it had when it left the cable (a new reading of its BMS): the
        // night is planned again, but its one swap is spent, so the cable stays on the car it is on now.
        Map<String, Double> soc = new java.util.HashMap<>();
        soc.put(before, follower.expectedAt(first, before, after) - 10);
        soc.put(onCable, follower.expectedAt(first, onCable, after));
        NightPlan again = follower.follow(cars(soc), Map.of("tesla", after, "ioniq", after), settings, prices(), 80, 20,
                50, after).plan();
        assertNotNull(again);
        assertNotSame(first, again);
        assertEquals(1, follower.usedSwaps());
        assertEquals(List.of(onCable), cableOrder(again), "no second swap in the night");
        CarPlan short_ = again.car(before).orElseThrow();
        assertTrue(short_.shortfallPercent() > 0, "the first car's shortfall is shown, not hidden by a swap");
    }

    @Test
    void aPlanMadeAgainBeforeTheSwapMayStillSwapOnce() {
        NightPlan first = follow(cars(50, 45, true), EVENING, EVENING).plan();
        assertNotNull(first);
        List<String> order = cableOrder(first);
        Instant firstStart = first.car(order.get(0)).orElseThrow().start();
        assertNotNull(firstStart);
        Instant during = firstStart.plus(Duration.ofMinutes(30));
        Map<String, Double> soc = new java.util.HashMap<>();
        soc.put(order.get(0), follower.expectedAt(first, order.get(0), during) - 5); // charged slower: planned again
        soc.put(order.get(1), follower.expectedAt(first, order.get(1), during));
        NightPlan again = follower.follow(cars(soc), Map.of("tesla", during, "ioniq", during), settings, prices(), 80,
                20, 50, during).plan();
        assertNotNull(again);
        assertNotSame(first, again);
        assertEquals(0, follower.usedSwaps());
        assertEquals(order, cableOrder(again), "the car on the cable goes on, the swap is still to come");
    }

    @Test
    void aNightRunsFromNoonToNoon() {
        assertEquals(ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, OSLO).toInstant(),
                PlanFollower.nightOf(ZonedDateTime.of(2026, 11, 30, 11, 59, 0, 0, OSLO).toInstant(), OSLO));
        assertEquals(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, OSLO).toInstant(),
                PlanFollower.nightOf(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, OSLO).toInstant(), OSLO));
    }
}
