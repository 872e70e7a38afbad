package org.openhab.binding.chargepriority.internal.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.plan.CarPlan;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanSettings;
import org.openhab.binding.chargepriority.internal.core.plan.PriceSlot;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.testutil.FakeCar;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * The household deciding by the night's plan: the simulated cars (which charge only when the simulated smart charger
 * is switched on by {@code chargeNow}), a real SQLite file, virtual time and a fixed price curve.
 */
class HouseholdPlanTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @TempDir
    Path dir;

    /** Sunday evening: both simulated cars are at home; both leave on Monday morning. */
    MutableClock clock = MutableClock.oslo("2026-11-29T18:00");
    VirtualScheduler scheduler = new VirtualScheduler(clock);
    HistoryStore store;
    Household household;
    Simulation sim;
    List<String> persistedDepartures = new ArrayList<>();

    /** Hourly prices, Sunday and Monday: 2.00 NOK/kWh, except 0.50 from 23:00 to 06:00. */
    static PlanPrices nightIsCheap() {
        List<PriceSlot> slots = new ArrayList<>();
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 29, 0, 0, 0, 0, OSLO);
        for (int h = 0; h < 48; h++) {
            ZonedDateTime s = t.plusHours(h);
            boolean cheap = s.getHour() >= 23 || s.getHour() < 6;
            slots.add(new PriceSlot(s.toInstant(), s.plusHours(1).toInstant(), cheap ? 0.5 : 2.0));
        }
        return new PlanPrices(slots, "NOK", "NO1", "test", null);
    }

    Household build(PlanPrices prices, Map<String, DepartureSchedule> departures) {
        store = new HistoryStore(dir.resolve("h.db"));
        sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        household = new Household(sim.slots(Map.of()), HouseholdSettings.defaults(), store, clock, scheduler,
                StatusEnricher.NONE, s -> {
                });
        household.configurePlanning(PlanSettings.defaults(OSLO), () -> prices, departures,
                (id, d) -> persistedDepartures.add(id + "=" + DepartureSchedule.formatTimes(d.times())));
        household.addListener(sim::followPriority);
        household.start();
        scheduler.runDue();
        return household;
    }

    @AfterEach
    void close() {
        if (household != null) {
            household.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static DepartureSchedule weekdays0730() {
        return new DepartureSchedule(DepartureSchedule.parseTimes("Mon-Fri 07:30"), null, null);
    }

    @Test
    void withoutDeparturesAndPricesTheSnapshotRuleStillDecides() {
        build(PlanPrices.NONE, Map.of());
        HouseholdSnapshot s = household.snapshot();
        assertFalse(s.planActive());
        assertFalse(s.priority().isNone(), "both cars are below the threshold: the rule charges one now");
        assertTrue(s.chargeNow());
        assertEquals("No departure and no prices: the snapshot rule decides", s.plan().message());
    }

    @Test
    void theChargerWaitsForTheCheapNightAndBothCarsLeaveAtTheirTarget() {
        build(nightIsCheap(), Map.of("tesla", weekdays0730(), "ioniq", weekdays0730()));
        HouseholdSnapshot evening = household.snapshot();
        assertTrue(evening.planActive());
        assertTrue(evening.priority().isNone(), "18:00 costs 2.00: " + evening.priority().reason());
        assertFalse(evening.chargeNow());
        assertTrue(evening.priority().reason().startsWith("Plug in the "), evening.priority().reason());
        assertTrue(evening.priority().reason().endsWith(" at 23:00"), evening.priority().reason());
        assertTrue(evening.priority().reasonNb().startsWith("Plugg inn "), evening.priority().reasonNb());
        double teslaAt18 = evening.vehicle("tesla").status().batteryPercent();

        scheduler.advance(Duration.ofHours(3)); // 21:00: still expensive, nothing charges
        HouseholdSnapshot nine = household.snapshot();
        assertFalse(nine.chargeNow());
        assertEquals(teslaAt18, household.snapshot().vehicle("tesla").status().batteryPercent(), 0.3,
                "the charger stayed off in the expensive hours");

        scheduler.advance(Duration.ofMinutes(2 * 60 + 20)); // 23:20
        HouseholdSnapshot night = household.snapshot();
        assertTrue(night.chargeNow(), night.priority().reason());
        assertFalse(night.priority().isNone());
        String first = night.priority().vehicleId();

        // Through the night to Monday's departure at 07:30, the cable swapped once.
        List<String> onCharger = new ArrayList<>();
        household.addListener(s -> {
            if (Boolean.getBoolean("month.debug")) {
                System.out.println("T " + clock.instant().atZone(OSLO).toLocalTime() + " t="
                        + s.vehicle("tesla").status().batteryPercent() + " i="
                        + s.vehicle("ioniq").status().batteryPercent() + " " + s.priority().reason());
            }
            String id = s.priority().vehicleId();
            if (id != null && (onCharger.isEmpty() || !onCharger.get(onCharger.size() - 1).equals(id))) {
                onCharger.add(id);
            }
        });
        scheduler.advance(Duration.ofMinutes(8 * 60 + 10));
        assertEquals(ZonedDateTime.of(2026, 11, 30, 7, 30, 0, 0, OSLO).toInstant(), clock.instant());
        household.requestUpdate();
        scheduler.runDue();
        HouseholdSnapshot morning = household.snapshot();
        for (String id : List.of("tesla", "ioniq")) {
            assertTrue(morning.vehicle(id).status().batteryPercent() >= 79.0,
                    id + " leaves with " + morning.vehicle(id).status().batteryPercent());
        }
        assertTrue(onCharger.isEmpty() || onCharger.get(0).equals(first), "the first car kept the cable: " + onCharger);
        assertTrue(onCharger.size() <= 2, "at most one swap, no flapping: " + onCharger);
    }

    @Test
    void aChangedDepartureIsKeptAndReplannedAtOnce() {
        build(nightIsCheap(), Map.of());
        assertTrue(household.snapshot().planActive(), "prices alone are something to plan by");
        long before = household.snapshot().sequence();
        HouseholdSnapshot after = household.setDeparture("ioniq",
                new DepartureSchedule(Map.of(DayOfWeek.MONDAY, LocalTime.of(6, 0)), 60, null));
        assertTrue(after.sequence() > before);
        assertEquals(List.of("ioniq=Mon 06:00"), persistedDepartures);
        assertEquals(60, household.departure("ioniq").targetPercent());
        Instant departure = after.plan().plan().car("ioniq").orElseThrow().departure();
        assertEquals(ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, OSLO).toInstant(), departure);
        assertEquals(60.0, after.plan().plan().car("ioniq").orElseThrow().targetPercent(), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> household.setDeparture("bmw", DepartureSchedule.NONE));
    }

    @Test
    void planningSwitchedOffLeavesTheRuleInCharge() {
        store = new HistoryStore(dir.resolve("h.db"));
        sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        household = new Household(sim.slots(Map.of()), HouseholdSettings.defaults(), store, clock, scheduler,
                StatusEnricher.NONE, s -> {
                });
        household.configurePlanning(new PlanSettings(false, 11, 0.9, 1, true, OSLO), HouseholdPlanTest::nightIsCheap,
                Map.of("tesla", weekdays0730()), Household.DeparturePersister.NONE);
        household.start();
        scheduler.runDue();
        assertFalse(household.snapshot().planActive());
        assertTrue(household.snapshot().chargeNow(), "the rule charges now, whatever the price");
    }

    @Test
    void aCarBelowItsMinimumGetsTheChargerAtOnceWhateverThePlan() {
        build(nightIsCheap(), Map.of("tesla", weekdays0730(), "ioniq", weekdays0730()));
        assertTrue(household.snapshot().priority().isNone(), "the plan waits for 23:00");
        sim.vehicle("ioniq").apply(new org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationOverride(
                12.0, null, null, true, null));
        household.requestUpdate();
        scheduler.runDue();
        HouseholdSnapshot s = household.snapshot();
        assertTrue(s.planActive(), "the plan is still there");
        assertEquals("ioniq", s.priority().vehicleId(), s.priority().reason());
        assertTrue(s.priority().reason().startsWith("Charge the Hyundai Ioniq 5 first: 12 %"), s.priority().reason());
        assertTrue(s.chargeNow(), "at 2.00 NOK: urgency first");
    }

    @Test
    void aPriceSourceConfiguredWhileRunningIsUsedAtOnceNotAtTheNextQuarterHour() {
        build(PlanPrices.NONE, Map.of());
        assertFalse(household.snapshot().planActive());
        household.configurePlanning(PlanSettings.defaults(OSLO), HouseholdPlanTest::nightIsCheap, Map.of(),
                Household.DeparturePersister.NONE);
        scheduler.runDue(); // no time passes
        assertTrue(household.snapshot().planActive(), "re-planned with the new source's prices");
        assertEquals("test", household.snapshot().plan().prices().source());
    }

    @Test
    void untilTheSourceAnswersThePlanNamesTheSourceItWaitsForNotNone() {
        build(PlanPrices.NONE, Map.of("tesla", weekdays0730()));
        List<PlanPrices> seen = new ArrayList<>();
        household.addListener(s -> seen.add(s.plan().prices()));
        PlanPrices waiting = new PlanPrices(List.of(), "NOK", "NO1", "hvakosterstrommen", "Asking hvakosterstrommen");
        household.configurePlanning(PlanSettings.defaults(OSLO), new PlanPrices.Provider() {
            @Override
            public PlanPrices prices() {
                // What the plan shows while the source is being asked (a slow network: the answer comes later).
                PlanPrices during = household.snapshot().plan().prices();
                seen.add(during);
                return nightIsCheap();
            }

            @Override
            public PlanPrices lastKnown() {
                return waiting;
            }
        }, Map.of("tesla", weekdays0730()), Household.DeparturePersister.NONE);
        household.setDeparture("tesla", weekdays0730()); // re-plans on the last data, before the source answers
        scheduler.runDue();
        assertFalse(seen.isEmpty());
        assertEquals("hvakosterstrommen", seen.get(0).source(), "not 'none' while the first answer is awaited");
        assertEquals("Asking hvakosterstrommen", seen.get(0).problem());
        assertEquals("test", household.snapshot().plan().prices().source(), "then the answer");
    }

    @Test
    void theBatteryTheCarsOwnDataShowsWinsOverTheOneSetAndThePlanChargesForIt() {
        FakeCar tesla = FakeCar.tesla(clock); // the real Tesla at home at 55 %
        tesla.reportedCapacity = 60.0;
        store = new HistoryStore(dir.resolve("h.db"));
        sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        household = new Household(sim.slots(Map.of("tesla", tesla)),
                HouseholdSettings.defaults().withMockMode("tesla", false), store, clock, scheduler, StatusEnricher.NONE,
                s -> {
                });
        DepartureSchedule set90 = new DepartureSchedule(DepartureSchedule.parseTimes("Mon-Fri 07:30"), 80, 90.0);
        household.configurePlanning(PlanSettings.defaults(OSLO), HouseholdPlanTest::nightIsCheap,
                Map.of("tesla", set90), Household.DeparturePersister.NONE);
        household.start();
        scheduler.runDue();

        assertEquals(new Household.Capacity(60, Household.Capacity.CAR), household.effectiveCapacity("tesla"));
        assertEquals(15.0, teslaPlan().energyKwh(), 0.01, "55 -> 80 % of the car's own 60 kWh, not of 90");
        assertEquals(80.0, teslaPlan().expectedSocPercent(), 0.5);

        tesla.reportedCapacity = null; // a car that has not shown it: the figure set on it
        household.setDeparture("tesla", set90);
        assertEquals(new Household.Capacity(90, Household.Capacity.SET), household.effectiveCapacity("tesla"));
        assertEquals(22.5, teslaPlan().energyKwh(), 0.01);
        household.setDeparture("tesla", new DepartureSchedule(set90.times(), 80, null));
        assertEquals(new Household.Capacity(75, Household.Capacity.DEFAULT), household.effectiveCapacity("tesla"),
                "nothing set: the Model Y's");
    }

    private CarPlan teslaPlan() {
        return household.snapshot().plan().plan().cars().stream().filter(c -> c.id().equals("tesla")).findFirst()
                .orElseThrow();
    }
}
