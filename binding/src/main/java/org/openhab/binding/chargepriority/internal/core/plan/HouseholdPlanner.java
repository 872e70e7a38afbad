package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Turns what the household knows (the cars' last states, their departures, the settings, the known prices) into a
 * {@link PlanRequest}, plans it and says what to do in one sentence. Pure: no I/O, the time is given.
 * <p>
 * The horizon runs from now to the latest next departure of a car at home, or without departures to the end of the
 * known prices (at least {@link #MIN_HORIZON}), never beyond {@link #MAX_HORIZON}. Its slots are the prices' own
 * intervals (hours, or quarter-hours since the day-ahead market went to 15 minutes), hours where no price is known,
 * cut at now and at every departure so that no slot straddles one.
 */
@NonNullByDefault
public final class HouseholdPlanner {

    public static final Duration MAX_HORIZON = Duration.ofHours(48);
    public static final Duration MIN_HORIZON = Duration.ofHours(12);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final NightPlanner planner = new NightPlanner();

    /**
     * @param thresholdPercent the household's charge threshold: the target of a car without its own
     */
    public PlanView plan(List<PlanInput> inputs, PlanSettings settings, PlanPrices prices, double thresholdPercent,
            double minimumChargePercent, double minimumRangeKm, Instant now) {
        return plan(inputs, settings, prices, thresholdPercent, minimumChargePercent, minimumRangeKm, now, null);
    }

    /**
     * @param cableCar the car the cable is on now, or null: moving it to another car counts against
     *            {@link PlanSettings#maxSwaps} (here: the swaps left for the night)
     */
    public PlanView plan(List<PlanInput> inputs, PlanSettings settings, PlanPrices prices, double thresholdPercent,
            double minimumChargePercent, double minimumRangeKm, Instant now, @Nullable String cableCar) {
        ZoneId zone = settings.zone();
        List<PlanCar> cars = new ArrayList<>();
        Instant horizonEnd = null;
        boolean anyDeparture = false;
        for (PlanInput in : inputs) {
            Integer ownTarget = in.schedule().targetPercent();
            double target = ownTarget != null ? ownTarget : thresholdPercent;
            Double soc = in.socPercent();
            if (soc == null) {
                continue;
            }
            double capacity = in.capacityKwh();
            Instant departure = in.schedule().next(now, zone);
            if (departure != null && departure.isAfter(now.plus(MAX_HORIZON))) {
                departure = null;
            }
            if (departure != null && in.atHome()) {
                anyDeparture = true;
                horizonEnd = horizonEnd == null || departure.isAfter(horizonEnd) ? departure : horizonEnd;
            }
            Double rate = in.chargingKw();
            double chargeKw = rate != null && rate > 0.5 ? Math.min(rate, settings.chargerKw()) : settings.chargerKw();
            double consumption = soc > 0 && in.rangeKm() > 0 ? capacity * soc / in.rangeKm() : 18;
            cars.add(new PlanCar(in.id(), in.name(), clamp(soc), capacity, target, departure, in.atHome(), chargeKw,
                    minimumChargePercent, minimumRangeKm, consumption));
        }
        List<PriceSlot> known = settings.byPrice() ? prices.known() : List.of();
        boolean pricesAhead = known.stream().anyMatch(p -> p.end().isAfter(now));
        boolean active = settings.enabled() && !cars.isEmpty() && (anyDeparture || pricesAhead);
        if (horizonEnd == null) {
            Instant lastPrice = known.isEmpty() ? now : known.get(known.size() - 1).end();
            horizonEnd = lastPrice.isAfter(now.plus(MIN_HORIZON)) ? lastPrice : now.plus(MIN_HORIZON);
        }
        if (horizonEnd.isAfter(now.plus(MAX_HORIZON))) {
            horizonEnd = now.plus(MAX_HORIZON);
        }
        if (cars.isEmpty()) {
            return new PlanView(false, null, now, "No car has been read yet: nothing to plan",
                    "Ingen bil er lest ennå: ingenting å planlegge", prices, settings);
        }
        List<Instant> cuts = new ArrayList<>();
        for (PlanCar car : cars) {
            Instant d = car.departure();
            if (d != null) {
                cuts.add(d);
            }
        }
        List<PriceSlot> slots = slots(known, cuts, now, horizonEnd);
        PlanRequest request = new PlanRequest(cars, slots, settings.efficiency(), settings.maxSwaps(),
                prices.currency().isEmpty() ? "NOK" : prices.currency(), cableCar);
        NightPlan plan = planner.plan(request);
        String[] message = message(plan, now, zone, active);
        return new PlanView(active, plan, now, message[0], message[1], prices, settings);
    }

    private static double clamp(double soc) {
        return Math.max(0, Math.min(100, soc));
    }

    /** The horizon's slots: known price intervals, hours without a price, cut at now and the departures. */
    static List<PriceSlot> slots(List<PriceSlot> known, List<Instant> cuts, Instant now, Instant end) {
        TreeSet<Instant> bounds = new TreeSet<>();
        bounds.add(now);
        bounds.add(end);
        for (Instant c : cuts) {
            if (c.isAfter(now) && c.isBefore(end)) {
                bounds.add(c);
            }
        }
        for (PriceSlot p : known) {
            for (Instant b : List.of(p.start(), p.end())) {
                if (b.isAfter(now) && b.isBefore(end)) {
                    bounds.add(b);
                }
            }
        }
        // Hours where no price covers the time.
        for (Instant h = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); h.isBefore(end); h = h
                .plus(Duration.ofHours(1))) {
            if (priceAt(known, h.minusMillis(1)) == null || priceAt(known, h) == null) {
                bounds.add(h);
            }
        }
        List<PriceSlot> slots = new ArrayList<>();
        Instant previous = null;
        for (Instant b : bounds) {
            if (previous != null && b.isAfter(previous)) {
                slots.add(new PriceSlot(previous, b, priceAt(known, previous)));
            }
            previous = b;
        }
        return slots;
    }

    private static @Nullable Double priceAt(List<PriceSlot> known, Instant at) {
        for (PriceSlot p : known) {
            if (!at.isBefore(p.start()) && at.isBefore(p.end())) {
                return p.price();
            }
        }
        return null;
    }

    /** The one sentence to show, English and Norwegian. */
    static String[] message(NightPlan plan, Instant now, ZoneId zone, boolean active) {
        if (!active) {
            return new String[] { "No departure and no prices: the snapshot rule decides",
                    "Ingen avreise og ingen priser: øyeblikksregelen avgjør" };
        }
        String current = plan.chargeNow(now) ? plan.carAt(now).orElse(null) : null;
        CarPlan next = null;
        for (CarPlan c : plan.cars()) {
            Instant s = c.start();
            if (s != null && s.isAfter(now) && !c.id().equals(current)
                    && (next == null || s.isBefore(java.util.Objects.requireNonNull(next.start())))) {
                next = c;
            }
        }
        List<String> en = new ArrayList<>();
        List<String> nb = new ArrayList<>();
        if (current != null) {
            CarPlan c = plan.car(current).orElse(null);
            String name = c != null ? c.name() : current;
            Instant end = c != null ? c.end() : null;
            en.add("Charge the " + name + " now" + (end != null ? " until " + clock(end, zone) : ""));
            nb.add("Lad " + name + " nå" + (end != null ? " til kl. " + clock(end, zone) : ""));
        }
        if (next != null) {
            Instant start = java.util.Objects.requireNonNull(next.start());
            en.add("Plug in the " + next.name() + " at " + clock(start, zone));
            nb.add("Plugg inn " + next.name() + " kl. " + clock(start, zone));
        }
        if (en.isEmpty()) {
            en.add("No car needs the charger before it leaves");
            nb.add("Ingen bil trenger laderen før den kjører");
        }
        return new String[] { String.join("; ", en), String.join("; ", nb) };
    }

    private static String clock(Instant instant, ZoneId zone) {
        return CLOCK.format(instant.atZone(zone));
    }
}
