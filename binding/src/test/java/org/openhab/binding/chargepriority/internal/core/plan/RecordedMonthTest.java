package org.openhab.binding.chargepriority.internal.core.plan;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.Decision;
import org.openhab.binding.chargepriority.internal.core.DecisionEngine;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * A month of real NO1 winter prices (2023-01-10 to 2023-02-08, see test resources) replayed through a household of
 * two commuting cars (home 17:00, leave 07:30, 80 % target): the night plan against today's snapshot rule (decided
 * every hour, the default update interval) and against charging at once on arrival (the emptier car first, the other
 * as soon as it is full). The README's figures come from {@link #main}.
 */
@NonNullByDefault
public class RecordedMonthTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalTime ARRIVAL = LocalTime.of(17, 0);
    private static final LocalTime DEPARTURE = LocalTime.of(7, 30);
    private static final double TARGET = 80;
    private static final double EFFICIENCY = 0.9;

    enum Strategy {
        PLAN,
        RULE,
        AT_ONCE
    }

    /** One car of the household: its battery and what a day's commute takes from it. */
    record Car(String id, String name, double capacityKwh, double commuteKwh, double startPercent) {
    }

    static final Car TESLA = new Car("tesla", "Tesla", 75, 16.5, 55);
    static final Car IONIQ = new Car("ioniq", "Ioniq", 74, 22, 45);

    record Result(double cost, int departures, int belowTarget, double lowestPercent, int swaps) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-8s cost %8.2f NOK, %d of %d departures below target (lowest %.1f %%), %d swaps",
                    name, cost, belowTarget, departures, lowestPercent, swaps);
        }
    }

    public static TreeMap<Instant, Double> prices() throws IOException {
        TreeMap<Instant, Double> prices = new TreeMap<>();
        try (InputStream in = Objects.requireNonNull(
                RecordedMonthTest.class.getResourceAsStream("/prices/no1-2023-01-10_2023-02-08.csv"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                Instant start = LocalDate.parse(f[1]).atTime(Integer.parseInt(f[2]), 0).atZone(OSLO).toInstant();
                prices.put(start, Double.parseDouble(f[3]));
            }
        }
        return prices;
    }

    static Result simulate(Strategy strategy, double chargerKw, TreeMap<Instant, Double> prices) {
        Car[] cars = { TESLA, IONIQ };
        double[] soc = { TESLA.startPercent(), IONIQ.startPercent() };
        double cost = 0;
        int departures = 0;
        int below = 0;
        double lowest = 100;
        int swaps = 0;
        LocalDate first = LocalDate.of(2023, 1, 10);
        LocalDate last = LocalDate.of(2023, 2, 7);
        NightPlanner planner = new NightPlanner();
        DecisionEngine engine = new DecisionEngine();
        HouseholdSettings settings = HouseholdSettings.defaults();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Instant arrival = day.atTime(ARRIVAL).atZone(OSLO).toInstant();
            Instant leave = day.plusDays(1).atTime(DEPARTURE).atZone(OSLO).toInstant();
            if (!day.equals(first)) {
                for (int c = 0; c < 2; c++) {
                    soc[c] -= cars[c].commuteKwh() / cars[c].capacityKwh() * 100;
                }
            }
            @Nullable
            NightPlan plan = strategy == Strategy.PLAN ? planner.plan(request(cars, soc, arrival, leave, chargerKw,
                    prices)) : null;
            int onCharger = -1;
            int previous = -1;
            for (Instant t = arrival; t.isBefore(leave); t = t.plus(Duration.ofMinutes(1))) {
                onCharger = switch (strategy) {
                    case PLAN -> Objects.requireNonNull(plan).chargeNow(t)
                            ? indexOf(cars, Objects.requireNonNull(plan).carAt(t).orElseThrow())
                            : -1;
                    case RULE -> Duration.between(arrival, t).toMinutes() % 60 == 0
                            ? ruleChoice(engine, settings, cars, soc, onCharger, previous, t)
                            : onCharger;
                    case AT_ONCE -> atOnce(soc, onCharger);
                };
                if (onCharger < 0) {
                    continue;
                }
                Car car = cars[onCharger];
                double room = Math.max(0, (TARGET - soc[onCharger]) * car.capacityKwh() / 100);
                double energy = Math.min(chargerKw * EFFICIENCY / 60, room);
                if (energy <= 0) {
                    continue;
                }
                if (previous >= 0 && previous != onCharger) {
                    swaps++;
                }
                previous = onCharger;
                soc[onCharger] += energy / car.capacityKwh() * 100;
                cost += energy / EFFICIENCY * prices.floorEntry(t).getValue();
            }
            for (int c = 0; c < 2; c++) {
                departures++;
                lowest = Math.min(lowest, soc[c]);
                if (soc[c] < TARGET - 0.05) {
                    below++;
                }
            }
        }
        return new Result(cost, departures, below, lowest, swaps);
    }

    private static PlanRequest request(Car[] cars, double[] soc, Instant from, Instant leave, double chargerKw,
            TreeMap<Instant, Double> prices) {
        List<PlanCar> planCars = new ArrayList<>();
        for (int c = 0; c < cars.length; c++) {
            planCars.add(new PlanCar(cars[c].id(), cars[c].name(), soc[c], cars[c].capacityKwh(), TARGET, leave, true,
                    chargerKw, 20, 0, 0));
        }
        List<PriceSlot> slots = new ArrayList<>();
        for (Instant t = from; t.isBefore(leave); t = t.plus(Duration.ofHours(1))) {
            slots.add(new PriceSlot(t, t.plus(Duration.ofHours(1)), prices.get(t)));
        }
        return new PlanRequest(planCars, slots, EFFICIENCY, PlanRequest.DEFAULT_MAX_SWAPS, "NOK");
    }

    /** Charging at once: the car on the cable until it is full, then the emptier one that still needs energy. */
    private static int atOnce(double[] soc, int onCharger) {
        if (onCharger >= 0 && soc[onCharger] < TARGET - 1e-9) {
            return onCharger;
        }
        int next = -1;
        for (int c = 0; c < soc.length; c++) {
            if (soc[c] < TARGET - 1e-9 && (next < 0 || soc[c] < soc[next])) {
                next = c;
            }
        }
        return next;
    }

    /** Today's rule at an update: the engine's priority vehicle, or none. */
    private static int ruleChoice(DecisionEngine engine, HouseholdSettings settings, Car[] cars, double[] soc,
            int onCharger, int previous, Instant now) {
        List<DecisionEngine.Input> inputs = new ArrayList<>();
        for (int c = 0; c < cars.length; c++) {
            double rangeKm = soc[c] / 100 * cars[c].capacityKwh() / 0.18;
            inputs.add(new DecisionEngine.Input(cars[c].id(),
                    new VehicleStatus(cars[c].name(), Math.max(0, Math.min(100, soc[c])), rangeKm, c == onCharger,
                            true, Location.HOME, now, true, null, null, null, null, DataSource.SIMULATION, false, null,
                            false)));
        }
        String previousId = previous < 0 ? null : cars[previous].id();
        Decision decision = engine.decide(inputs, settings, previousId, now);
        String id = decision.priority().vehicleId();
        return id == null ? -1 : indexOf(cars, id);
    }

    private static int indexOf(Car[] cars, String id) {
        for (int c = 0; c < cars.length; c++) {
            if (cars[c].id().equals(id)) {
                return c;
            }
        }
        return -1;
    }

    @Test
    void thePlanNeverLeavesACarShortAndCostsLeastAt11Kw() throws IOException {
        assertMonth(11);
    }

    @Test
    void thePlanNeverLeavesACarShortAndCostsLeastOnASinglePhase37KwCharger() throws IOException {
        assertMonth(3.7);
    }

    private static void assertMonth(double kw) throws IOException {
        TreeMap<Instant, Double> prices = prices();
        assertEquals(720, prices.size(), "30 days of recorded hourly prices");
        Result plan = simulate(Strategy.PLAN, kw, prices);
        Result rule = simulate(Strategy.RULE, kw, prices);
        Result atOnce = simulate(Strategy.AT_ONCE, kw, prices);
        assertEquals(58, plan.departures());
        assertEquals(0, plan.belowTarget(), plan.line("plan"));
        assertTrue(plan.cost() <= rule.cost() + 1e-9, plan.line("plan") + " / " + rule.line("rule"));
        assertTrue(plan.cost() <= atOnce.cost() + 1e-9, plan.line("plan") + " / " + atOnce.line("at once"));
        assertTrue(plan.swaps() <= 29, "at most one swap a night");
    }

    /** Prints the figures for the README. */
    public static void main(String[] args) throws IOException {
        TreeMap<Instant, Double> prices = prices();
        for (double kw : new double[] { 11, 3.7 }) {
            System.out.println("charger " + kw + " kW");
            for (Strategy s : Strategy.values()) {
                System.out.println("  " + simulate(s, kw, prices).line(s.name()));
            }
        }
    }
}
