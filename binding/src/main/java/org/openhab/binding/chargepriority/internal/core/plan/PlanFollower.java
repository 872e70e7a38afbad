package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Keeps to a plan once made, so the cable does not flap between cars: re-planning every quarter-hour from scratch
 * would answer each time from the cars' last readings (up to an update interval old) and pick among plans of equal
 * cost anew, moving the cable back and forth. A plan is kept and followed slot by slot until something it was made
 * from changes:
 * <ul>
 * <li>a car arrives or leaves, is read for the first time, or its departures, target or capacity change;</li>
 * <li>the settings, the threshold or the minimums change, or new prices become known;</li>
 * <li>a car's reading differs from what the plan expected at that time by more than {@link #TOLERANCE_POINTS} (it
 * charged slower or faster than planned, or was driven);</li>
 * <li>the plan's horizon is over.</li>
 * </ul>
 * A plan made again before the kept one's horizon is over continues it: the cable moves of the kept plans since the
 * night began (a night runs from noon to noon, local time) count against the night's {@link PlanSettings#maxSwaps},
 * and moving the cable from the car on it now to another one is a swap too.
 * <p>
 * Not thread-safe: the household calls it under its lock.
 */
@NonNullByDefault
public final class PlanFollower {

    /** How far a reading may be from the plan's expectation, in points of state of charge, before it re-plans. */
    public static final double TOLERANCE_POINTS = 4;

    private final HouseholdPlanner planner;
    private @Nullable PlanView plan;
    private @Nullable Key key;
    private final Map<String, Double> startSoc = new HashMap<>();
    private final Map<String, Double> capacity = new HashMap<>();
    private int replans;
    /** The car last on the cable in tonight's plans so far (null: none yet, or a new night). */
    private @Nullable String cableCar;
    /** The swaps tonight's plans have used up to the last re-plan. */
    private int usedSwaps;
    /** The start (local noon) of the night {@link #usedSwaps} counts. */
    private @Nullable Instant night;

    /** What a plan was made from, besides the cars' states of charge. */
    private record Key(PlanSettings settings, List<PriceSlot> prices, double threshold, double minimumCharge,
            double minimumRange, List<Object> cars) {
    }

    public PlanFollower(HouseholdPlanner planner) {
        this.planner = planner;
    }

    /** How many plans were made (for tests and diagnostics). */
    public int replans() {
        return replans;
    }

    /**
     * The plan to follow now: the kept one with its sentence for this moment, or a new one.
     *
     * @param readAt when each car's state of charge in {@code inputs} was read
     */
    public PlanView follow(List<PlanInput> inputs, Map<String, Instant> readAt, PlanSettings settings,
            PlanPrices prices, double threshold, double minimumCharge, double minimumRange, Instant now) {
        List<Object> cars = new ArrayList<>();
        for (PlanInput in : inputs) {
            cars.add(List.of(in.id(), in.atHome(), in.socPercent() != null, in.schedule(),
                    String.valueOf(in.schedule().next(now, settings.zone())), in.capacityKwh(),
                    String.valueOf(in.chargingKw())));
        }
        Key k = new Key(settings, settings.byPrice() ? prices.known() : List.of(), threshold, minimumCharge,
                minimumRange, cars);
        PlanView kept = plan;
        if (kept != null && k.equals(key) && !over(kept, now) && !deviates(kept, inputs, readAt)) {
            NightPlan p = kept.plan();
            if (p == null) {
                return kept;
            }
            String[] message = HouseholdPlanner.message(p, now, settings.zone(), kept.active());
            return new PlanView(kept.active(), p, kept.createdAt(), message[0], message[1], prices, settings);
        }
        Instant tonight = nightOf(now, settings.zone());
        if (!tonight.equals(night)) {
            night = tonight;
            usedSwaps = 0;
        }
        if (kept != null && kept.active() && kept.plan() != null && !over(kept, now)) {
            // the night goes on (a plan that was not active was not followed: the snapshot rule decided)
            countSwapsBefore(java.util.Objects.requireNonNull(kept.plan()), tonight, now);
        } else {
            cableCar = null; // the cars left: whoever comes home is plugged in anew
            usedSwaps = 0;
        }
        PlanView made = planWithinTheNight(inputs, settings, prices, threshold, minimumCharge, minimumRange, now);
        replans++;
        plan = made;
        key = k;
        startSoc.clear();
        capacity.clear();
        for (PlanInput in : inputs) {
            Double soc = in.socPercent();
            if (soc != null) {
                startSoc.put(in.id(), soc);
                capacity.put(in.id(), in.capacityKwh());
            }
        }
        return made;
    }

    /** Forgets the kept plan: the next call plans anew, as a new night. */
    public void reset() {
        plan = null;
        key = null;
        cableCar = null;
        usedSwaps = 0;
        night = null;
    }

    /** The swaps tonight's plans have used so far (for tests and diagnostics). */
    public int usedSwaps() {
        return usedSwaps;
    }

    /** The night an instant belongs to: its start, the last local noon at or before it. */
    static Instant nightOf(Instant at, java.time.ZoneId zone) {
        java.time.ZonedDateTime local = at.atZone(zone);
        java.time.ZonedDateTime noon = local.toLocalDate().atTime(12, 0).atZone(zone);
        return (noon.isAfter(local) ? noon.minusDays(1) : noon).toInstant();
    }

    /** Adds the cable moves of the kept plan's slots that began tonight before now. */
    private void countSwapsBefore(NightPlan kept, Instant tonight, Instant now) {
        for (PlannedSlot slot : kept.slots()) {
            String car = slot.carId();
            if (!slot.start().isBefore(now)) {
                break;
            }
            if (car == null || slot.energyKwh() <= 0) {
                continue;
            }
            if (cableCar != null && !car.equals(cableCar) && !slot.start().isBefore(tonight)) {
                usedSwaps++;
            }
            cableCar = car;
        }
    }

    /**
     * The best plan for the rest of the night: with the swaps left, and the car on the cable named so that moving the
     * cable from it counts as one (a car that left is on no cable).
     */
    private PlanView planWithinTheNight(List<PlanInput> inputs, PlanSettings settings, PlanPrices prices,
            double threshold, double minimumCharge, double minimumRange, Instant now) {
        String onCable = cableCar;
        boolean home = onCable != null && inputs.stream().anyMatch(in -> in.id().equals(onCable) && in.atHome());
        int left = Math.max(0, settings.maxSwaps() - usedSwaps);
        return same(planner.plan(inputs, withSwaps(settings, left), prices, threshold, minimumCharge, minimumRange,
                now, home ? onCable : null), settings);
    }

    private static PlanSettings withSwaps(PlanSettings s, int swaps) {
        return new PlanSettings(s.enabled(), s.chargerKw(), s.efficiency(), swaps, s.byPrice(), s.zone());
    }

    /** The view with the household's own settings (not the swaps left), as the API and channels show them. */
    private static PlanView same(PlanView v, PlanSettings settings) {
        return new PlanView(v.active(), v.plan(), v.createdAt(), v.message(), v.messageNb(), v.prices(), settings);
    }

    private static boolean over(PlanView view, Instant now) {
        NightPlan p = view.plan();
        if (p == null || p.slots().isEmpty()) {
            return true;
        }
        return !now.isBefore(p.slots().get(p.slots().size() - 1).end());
    }

    private boolean deviates(PlanView view, List<PlanInput> inputs, Map<String, Instant> readAt) {
        NightPlan p = view.plan();
        if (p == null) {
            return false;
        }
        for (PlanInput in : inputs) {
            Double soc = in.socPercent();
            Instant at = readAt.get(in.id());
            if (soc == null || at == null || at.isBefore(view.createdAt())) {
                continue; // a reading from before the plan says nothing about how it goes
            }
            Double expected = expectedAt(p, in.id(), at);
            if (expected != null && Math.abs(soc - expected) > TOLERANCE_POINTS) {
                return true;
            }
        }
        return false;
    }

    /** The state of charge the plan expects this car to have at this instant, or null when it was not planned. */
    @Nullable
    Double expectedAt(NightPlan p, String id, Instant at) {
        Double start = startSoc.get(id);
        Double cap = capacity.get(id);
        if (start == null || cap == null || cap <= 0) {
            return null;
        }
        double kwh = 0;
        for (PlannedSlot slot : p.slots()) {
            if (!id.equals(slot.carId()) || !slot.start().isBefore(at)) {
                continue;
            }
            long charging = slot.chargeUntil().toEpochMilli() - slot.start().toEpochMilli();
            if (charging <= 0) {
                continue;
            }
            long done = Math.min(at.toEpochMilli(), slot.chargeUntil().toEpochMilli()) - slot.start().toEpochMilli();
            kwh += slot.energyKwh() * Math.max(0, Math.min(1, (double) done / charging));
        }
        return start + kwh / cap * 100;
    }
}
