package org.openhab.binding.chargepriority.internal.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * 100 simulated days at a one-minute interval on a fast clock: no update skipped, the database levels off once the
 * 90-day retention starts deleting, and the heap does not grow with the history.
 */
class LongRunTest {

    @TempDir
    Path dir;

    @Test
    void hundredDaysAtOneMinute() throws IOException {
        MutableClock clock = MutableClock.oslo("2026-01-01T00:00");
        VirtualScheduler scheduler = new VirtualScheduler(clock);
        Path db = dir.resolve("charging_manager.db");
        try (HistoryStore store = new HistoryStore(db)) {
            Simulation sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
            Household household = new Household(sim.slots(Map.of()),
                    HouseholdSettings.defaults().withUpdateIntervalMinutes(1).withRetentionDays(90), store, clock,
                    scheduler, StatusEnricher.NONE, Household.SettingsPersister.NONE);
            household.addListener(sim::followPriority);
            household.start();
            Instant start = clock.instant();

            scheduler.advance(Duration.ofDays(30));
            long heapAt30 = usedHeapAfterGc();
            scheduler.advance(Duration.ofDays(62));
            long sizeAt92 = dbSize(db);
            scheduler.advance(Duration.ofDays(8));
            long sizeAt100 = dbSize(db);
            long heapAt100 = usedHeapAfterGc();
            household.close();

            // One update a minute, none skipped: the last 89 days are complete (the cleanup keeps 90).
            Instant end = clock.instant();
            long lastDays = store.readings(end.minus(Duration.ofDays(89)), end.plusSeconds(1), null).size();
            assertEquals(89 * 1440 * 2 + 2, lastDays, 2 * 2);
            assertTrue(store.readings(start, end.minus(Duration.ofDays(91)), null).isEmpty(),
                    "older than the retention is gone");
            // Size levels off: the last 8 days added (and deleted) about 8 days of rows without growing the file.
            assertTrue(sizeAt100 < sizeAt92 * 1.05, "db grew from " + sizeAt92 + " to " + sizeAt100 + " bytes");
            // The heap does not grow with the history (generous bound for GC noise).
            assertTrue(heapAt100 - heapAt30 < 24L * 1024 * 1024,
                    "heap grew from " + heapAt30 / 1024 + " KiB to " + heapAt100 / 1024 + " KiB");
            System.out.printf("long run: db %d -> %d bytes, heap %d -> %d KiB%n", sizeAt92, sizeAt100,
                    heapAt30 / 1024, heapAt100 / 1024);
        }
    }

    private static long dbSize(Path db) throws IOException {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        return Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
