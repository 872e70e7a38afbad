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

    /** Writes one update a minute for {@code days} days up to now (rounded down to the minute). */
    static Fill fill(HistoryStore store, int days) throws VehicleException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(days));
        SettableClock clock = new SettableClock(start, ZoneId.of("Europe/Oslo"));
        Simulation sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        List<VehicleSlot> slots = sim.slots(Map.of());
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
            for (VehicleSlot slot : slots) {
                VehicleStatus s = slot.simulation().fetch();
                statuses.add(s);
                inputs.add(new DecisionEngine.Input(slot.id(), s));
            }
            Decision decision = engine.decide(inputs, settings, priority, now);
            priority = decision.priority().vehicleId();
            Map<String, Recommendation> byName = new LinkedHashMap<>();
            for (int i = 0; i < slots.size(); i++) {
                Recommendation r = decision.recommendations().get(slots.get(i).id());
                if (r != null) {
                    byName.put(statuses.get(i).vehicleName(), r);
                }
            }
            if (priority != null) {
                for (int i = 0; i < slots.size(); i++) {
                    if (slots.get(i).id().equals(priority) && statuses.get(i).location() == Location.HOME) {
                        sim.charger().connect(priority);
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
}
