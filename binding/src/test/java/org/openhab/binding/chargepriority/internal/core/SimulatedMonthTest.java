package org.openhab.binding.chargepriority.internal.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanSettings;
import org.openhab.binding.chargepriority.internal.core.plan.PriceSlot;
import org.openhab.binding.chargepriority.internal.core.plan.RecordedMonthTest;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulatedVehicle;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * A month of real NO1 day-ahead prices (2023-01-10 to 2023-02-08, see {@code prices/README.md}) replayed through the
 * whole household: the two simulated commuters (the Tesla leaves on weekdays at 07:40, the Ioniq at 08:15; both have
 * a departure at 07:30 set), a real SQLite history, the household's own schedule (a reading every hour, a re-plan
 * every quarter-hour) and the simulated owner who moves the cable to the priority car and switches the smart charger
 * by {@code chargeNow}. Prices become known as they would: today's at once, tomorrow's from 13:00.
 * <p>
 * Three ways to run the same month: the plan (departures and prices), today's rule (planning off) and charging at
 * once on arrival (departures, prices ignored). Cost is the energy the cars took, divided by the efficiency, at the
 * hour's spot price.
 */
class SimulatedMonthTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Instant START = ZonedDateTime.of(2023, 1, 10, 12, 0, 0, 0, OSLO).toInstant();
    static final Instant END = ZonedDateTime.of(2023, 2, 8, 8, 0, 0, 0, OSLO).toInstant();
    static final double EFFICIENCY = 0.9;
    static final double TARGET = 80;

    enum Way {
        PLAN,
        RULE,
        AT_ONCE
    }

    record Result(Way way, double cost, int departures, int belowTarget, double lowest, int chargerSwitches) {
        String line() {
            return String.format(Locale.ROOT, "%-8s %8.2f NOK   %d of %d departures below %.0f %% (lowest %.1f %%)",
                    way, cost, belowTarget, departures, TARGET, lowest);
        }
    }

    static Result run(Way way, TreeMap<Instant, Double> prices, Path dir) throws IOException {
        MutableClock clock = new MutableClock(START, OSLO);
        VirtualScheduler scheduler = new VirtualScheduler(clock);
        Simulation sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        Files.createDirectories(dir);
        try (HistoryStore store = new HistoryStore(dir.resolve(way + ".db"))) {
            Household household = new Household(sim.slots(Map.of()), HouseholdSettings.defaults(), store, clock,
                    scheduler, StatusEnricher.NONE, s -> {
                    });
            DepartureSchedule weekdays = new DepartureSchedule(DepartureSchedule.parseTimes("Mon-Fri 07:30"), null,
                    null);
            PlanSettings settings = switch (way) {
                case PLAN -> PlanSettings.defaults(OSLO);
                case RULE -> new PlanSettings(false, 11, EFFICIENCY, 1, true, OSLO);
                case AT_ONCE -> new PlanSettings(true, 11, EFFICIENCY, 1, false, OSLO);
            };
            household.configurePlanning(settings, () -> known(prices, clock.instant()),
                    way == Way.RULE ? Map.of() : Map.of("tesla", weekdays, "ioniq", weekdays),
                    Household.DeparturePersister.NONE);
            household.addListener(sim::followPriority);
            household.start();
            scheduler.runDue();
            Map<String, Double> last = new LinkedHashMap<>();
            for (String id : List.of("tesla", "ioniq")) {
                last.put(id, vehicle(sim, id).fetch().batteryPercent());
            }
            double cost = 0;
            int departures = 0;
            int below = 0;
            double lowest = 100;
            boolean on = sim.charger().isOn();
            int switches = 0;
            while (clock.instant().isBefore(END)) {
                Instant from = clock.instant();
                scheduler.advance(Duration.ofMinutes(15));
                double price = prices.floorEntry(from).getValue();
                for (String id : List.of("tesla", "ioniq")) {
                    SimulatedVehicle car = vehicle(sim, id);
                    double soc = car.fetch().batteryPercent();
                    double gained = soc - last.get(id);
                    if (gained > 0) {
                        cost += gained / 100 * car.profile().capacityKwh() / EFFICIENCY * price;
                    }
                    last.put(id, soc);
                }
                if (Boolean.getBoolean("month.debug") && way == Way.PLAN) {
                    HouseholdSnapshot snap = household.snapshot();
                    System.out.println("T " + local(clock.instant()) + " on=" + sim.charger().isOn() + " conn="
                            + sim.charger().connected() + " t=" + (int) (double) last.get("tesla") + " i="
                            + (int) (double) last.get("ioniq") + " prio=" + snap.priority().vehicleId() + " | "
                            + snap.priority().reason());
                }
                if (sim.charger().isOn() != on) {
                    on = !on;
                    switches++;
                }
                ZonedDateTime local = clock.instant().atZone(OSLO);
                boolean weekday = local.getDayOfWeek() != DayOfWeek.SATURDAY
                        && local.getDayOfWeek() != DayOfWeek.SUNDAY;
                if (weekday && local.toLocalTime().equals(LocalTime.of(7, 30))) {
                    for (String id : List.of("tesla", "ioniq")) {
                        double soc = last.get(id);
                        departures++;
                        lowest = Math.min(lowest, soc);
                        if (soc < TARGET - 0.5) {
                            below++;
                            if (Boolean.getBoolean("month.debug")) {
                                System.out.println("BELOW " + way + " " + local + " " + id + " " + soc);
                            }
                        }
                    }
                }
            }
            household.close();
            return new Result(way, cost, departures, below, lowest, switches);
        }
    }

    private static String local(Instant i) {
        return i.atZone(OSLO).toLocalDateTime().toString();
    }

    private static SimulatedVehicle vehicle(Simulation sim, String id) {
        SimulatedVehicle v = sim.vehicle(id);
        assertNotNull(v);
        return v;
    }

    /** What a price source has published at this instant: today's prices, and tomorrow's from 13:00. */
    static PlanPrices known(TreeMap<Instant, Double> prices, Instant now) {
        ZonedDateTime local = now.atZone(OSLO);
        ZonedDateTime from = local.toLocalDate().atStartOfDay(OSLO);
        ZonedDateTime to = local.toLocalTime().isBefore(LocalTime.of(13, 0)) ? from.plusDays(1) : from.plusDays(2);
        List<PriceSlot> slots = new ArrayList<>();
        prices.subMap(from.toInstant(), to.toInstant()).forEach(
                (start, price) -> slots.add(new PriceSlot(start, start.plus(Duration.ofHours(1)), price)));
        return new PlanPrices(slots, "NOK", "NO1", "recorded", slots.isEmpty() ? "no prices" : null);
    }

    static List<Result> runAll(Path dir) throws IOException {
        TreeMap<Instant, Double> prices = RecordedMonthTest.prices();
        List<Result> results = new ArrayList<>();
        for (Way way : Way.values()) {
            results.add(run(way, prices, dir));
        }
        return results;
    }

    @Test
    void thePlanIsTheCheapestAndNoCarLeavesBelowItsTarget(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        List<Result> results = runAll(dir);
        results.forEach(r -> System.out.println("SimulatedMonthTest " + r.line()));
        Result plan = results.get(0);
        Result rule = results.get(1);
        Result atOnce = results.get(2);
        assertEquals(42, plan.departures(), "21 weekdays, two cars");
        assertEquals(0, plan.belowTarget(), plan.line());
        assertTrue(plan.cost() < rule.cost(), plan.line() + " vs " + rule.line());
        assertTrue(plan.cost() < atOnce.cost(), plan.line() + " vs " + atOnce.line());
        assertTrue(plan.cost() > 0);
    }

    /** Prints the month's figures for the README. */
    public static void main(String[] args) throws IOException {
        for (Result r : runAll(Files.createTempDirectory("month"))) {
            System.out.println(r.line());
        }
    }
}
