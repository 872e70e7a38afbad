package org.openhab.binding.chargepriority.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openhab.binding.chargepriority.internal.core.Decision;
import org.openhab.binding.chargepriority.internal.core.DecisionEngine;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * Fills a history with what the runtime would have written: the two simulated cars read once a minute, decided on by
 * the real decision engine (the simulated owner plugs in the priority car), one {@code saveUpdate} per minute.
 */
final class HistoryFixture {

    /** The measured time of each {@code saveUpdate}, in nanoseconds, in call order. */
    record Fill(Instant start, Instant end, long updates, long readings, long recommendations, long[] saveNanos) {
    }

    private HistoryFixture() {
    }

    /** Writes one update a minute for {@code days} days up to now (rounded down to the minute), two cars. */
    static Fill fill(HistoryStore store, int days) throws VehicleException {
        return fill(store, days, 2);
    }

    /**
     * As {@link #fill(HistoryStore, int)} with {@code cars} cars (an even number): each further pair is another
     * simulated Tesla and Ioniq, named "Tesla Model Y 2", "Hyundai Ioniq 5 2", ...
     */
    static Fill fill(HistoryStore store, int days, int cars) throws VehicleException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(days));
        SettableClock clock = new SettableClock(start, ZoneId.of("Europe/Oslo"));
        List<Simulation> sims = new ArrayList<>();
        List<VehicleSlot> slots = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (int pair = 0; pair < Math.max(1, cars / 2); pair++) {
            Simulation sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
            sims.add(sim);
            for (VehicleSlot slot : sim.slots(Map.of())) {
                slots.add(slot);
                suffixes.add(pair == 0 ? "" : " " + (pair + 1));
            }
        }
        DecisionEngine engine = new DecisionEngine();
        HouseholdSettings settings = HouseholdSettings.defaults().withUpdateIntervalMinutes(1);
        int minutes = (int) Duration.between(start, end).toMinutes();
        long[] saveNanos = new long[minutes];
        String priority = null;
        long readings = 0;
        long recommendations = 0;
        for (int m = 0; m < minutes; m++) {
            Instant now = start.plus(Duration.ofMinutes(m + 1L));
            clock.set(now);
            List<DecisionEngine.Input> inputs = new ArrayList<>();
            List<VehicleStatus> statuses = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                VehicleStatus s = renamed(slots.get(i).simulation().fetch(), suffixes.get(i));
                statuses.add(s);
                inputs.add(new DecisionEngine.Input(slots.get(i).id() + suffixes.get(i).trim(), s));
            }
            Decision decision = engine.decide(inputs, settings, priority, now);
            priority = decision.priority().vehicleId();
            Map<String, Recommendation> byName = new LinkedHashMap<>();
            for (int i = 0; i < slots.size(); i++) {
                Recommendation r = decision.recommendations().get(slots.get(i).id() + suffixes.get(i).trim());
                if (r != null) {
                    byName.put(statuses.get(i).vehicleName(), r);
                }
            }
            if (priority != null) {
                for (int i = 0; i < slots.size(); i++) {
                    if ((slots.get(i).id() + suffixes.get(i).trim()).equals(priority)
                            && statuses.get(i).location() == Location.HOME) {
                        sims.get(i / 2).charger().connect(slots.get(i).id());
                    }
                }
            }
            long t0 = System.nanoTime();
            store.saveUpdate(now, statuses, byName);
            saveNanos[m] = System.nanoTime() - t0;
            readings += statuses.size();
            recommendations += byName.size();
        }
        return new Fill(start, end, minutes, readings, recommendations, saveNanos);
    }

    private static VehicleStatus renamed(VehicleStatus s, String suffix) {
        return suffix.isEmpty() ? s
                : new VehicleStatus(s.vehicleName() + suffix, s.batteryPercent(), s.rangeKm(), s.charging(),
                        s.pluggedIn(), s.location(), s.lastUpdated(), s.mock(), s.chargingPowerKw(), s.latitude(),
                        s.longitude(), s.address(), s.source(), s.stale(), s.chargingState(), s.rangeEstimated());
    }
}
