package org.openhab.binding.chargepriority.internal.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.model.ChargeAction;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * The household with simulated cars, a real SQLite file and a virtual-time scheduler.
 */
class HouseholdTest {

    @TempDir
    Path dir;

    MutableClock clock = MutableClock.oslo("2026-11-29T18:00");
    VirtualScheduler scheduler = new VirtualScheduler(clock);
    HistoryStore store;
    Household household;
    Simulation sim;
    List<HouseholdSettings> persisted = new ArrayList<>();

    /** A real car stand-in that counts reads and can be told to fail. */
    static class CountingCar implements VehicleService {
        final AtomicInteger fetches = new AtomicInteger();
        final MutableClock clock;
        volatile boolean fail;
        volatile double soc = 45;
        /** When the car says it reported its values; null: now. */
        volatile @org.eclipse.jdt.annotation.Nullable Instant reportedAt;

        CountingCar(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public String id() {
            return "tesla";
        }

        @Override
        public String name() {
            return "Tesla Model Y";
        }

        @Override
        public DataSource source() {
            return DataSource.FLEET_API;
        }

        @Override
        public VehicleStatus fetch() throws VehicleException {
            fetches.incrementAndGet();
            if (fail) {
                throw new VehicleException(VehicleException.Kind.COMMUNICATION, "Fleet API answered 503");
            }
            Instant at = reportedAt;
            return new VehicleStatus("Tesla Model Y", soc, soc * 4.4, false, false, Location.HOME,
                    at != null ? at : clock.instant(),
                    false, null, 59.9, 10.7, null, DataSource.FLEET_API, false, "Disconnected", false);
        }
    }

    Household build(Map<String, VehicleService> real, HouseholdSettings settings) {
        store = new HistoryStore(dir.resolve("h.db"));
        sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        household = new Household(sim.slots(real), settings, store, clock, scheduler, StatusEnricher.NONE,
                persisted::add);
        household.addListener(sim::followPriority);
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

    @Test
    void startUpdatesAtOnceThenEveryInterval() {
        build(Map.of(), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        HouseholdSnapshot s = household.snapshot();
        assertEquals(clock.instant(), s.lastUpdated());
        assertEquals(clock.instant().plus(Duration.ofMinutes(60)), s.nextUpdate());
        assertNotNull(s.vehicle("tesla").status());
        assertNotNull(s.vehicle("ioniq").recommendation());
        assertFalse(s.priority().isNone(), s.priority().reason());
        assertEquals(2, store.count("battery_readings"));

        scheduler.advance(Duration.ofMinutes(59));
        assertEquals(2, store.count("battery_readings"), "no update before the interval");
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(4, store.count("battery_readings"));
        scheduler.advance(Duration.ofHours(10));
        assertEquals(2 * 12, store.count("battery_readings"), "one update an hour, none skipped");
        SchedulerStatus status = household.schedulerStatus();
        assertTrue(status.running());
        assertEquals(60, status.updateIntervalMinutes());
        assertEquals(clock.instant().plus(Duration.ofMinutes(60)), status.nextRunTime());
        assertEquals(List.of("update_vehicles", "cleanup_old_data"),
                status.jobs().stream().map(SchedulerStatus.Job::id).toList());
    }

    @Test
    void theSimulatedOwnerPlugsInThePriorityCar() {
        build(Map.of(), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        String first = household.snapshot().priority().vehicleId();
        assertNotNull(first);
        scheduler.advance(Duration.ofMinutes(60));
        VehicleView v = household.snapshot().vehicle(first);
        assertTrue(v.status().charging(), "the priority car is on the charger at the next update");
        assertEquals(ChargeAction.CONTINUE_CHARGING, v.recommendation().action());
    }

    @Test
    void changingTheIntervalReschedules() {
        build(Map.of(), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        Instant last = household.snapshot().lastUpdated();
        household.updateSettings(s -> s.withUpdateIntervalMinutes(5));
        assertEquals(last.plus(Duration.ofMinutes(5)), household.schedulerStatus().nextRunTime());
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(last.plus(Duration.ofMinutes(5)), household.snapshot().lastUpdated());
        assertEquals(5, persisted.get(0).updateIntervalMinutes());
    }

    @Test
    void thresholdChangeRecomputesWithoutFetchingAndIsPersisted() {
        CountingCar tesla = new CountingCar(clock);
        tesla.soc = 75;
        build(Map.of("tesla", tesla), HouseholdSettings.defaults().withMockMode("tesla", false)).start();
        scheduler.runDue();
        assertEquals(ChargeAction.CHARGE, household.snapshot().vehicle("tesla").recommendation().action());
        List<HouseholdSnapshot> seen = new ArrayList<>();
        household.addListener(seen::add);
        HouseholdSnapshot after = household.updateSettings(s -> s.withChargeThreshold(70));
        assertEquals(ChargeAction.NO_CHARGE, after.vehicle("tesla").recommendation().action());
        assertEquals(1, tesla.fetches.get(), "a settings change never costs an API call");
        assertEquals(List.of(after), seen, "listeners (WebSocket, channels) hear of it");
        assertEquals(70, persisted.get(persisted.size() - 1).chargeThreshold());
        assertEquals(4, store.count("recommendations"), "the new decision is stored");
    }

    @Test
    void aScheduledReadThatLandsAMomentEarlyIsNotSkipped() {
        CountingCar tesla = new CountingCar(clock);
        // The scheduler counts its own time; the wall clock the household reads can be a little behind it.
        java.util.concurrent.atomic.AtomicLong lagMillis = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock wall = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant().minusMillis(lagMillis.get());
            }
        };
        store = new HistoryStore(dir.resolve("h.db"));
        sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        household = new Household(sim.slots(Map.of("tesla", tesla)),
                HouseholdSettings.defaults().withMockMode("tesla", false).withUpdateIntervalMinutes(1), store, wall,
                scheduler, StatusEnricher.NONE, persisted::add);
        household.start();
        scheduler.runDue();
        assertEquals(1, tesla.fetches.get());
        lagMillis.set(3);
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(2, tesla.fetches.get(), "the read that was due happened");
    }

    @Test
    void aManualUpdateRightAfterARealReadUsesTheStatusJustRead() {
        CountingCar tesla = new CountingCar(clock);
        build(Map.of("tesla", tesla), HouseholdSettings.defaults().withMockMode("tesla", false)).start();
        scheduler.runDue();
        clock.advance(Duration.ofSeconds(20));
        household.requestUpdate();
        scheduler.runDue();
        assertEquals(1, tesla.fetches.get(), "at most one real read a minute");
    }

    @Test
    void aReadingOfOldDataIsStoredAtTheCarsOwnTimeWithTheStaleVerdictTheStatusShows() {
        CountingCar tesla = new CountingCar(clock);
        tesla.reportedAt = clock.instant().minus(Duration.ofHours(3)); // last values of a car asleep since then
        build(Map.of("tesla", tesla), HouseholdSettings.defaults().withMockMode("tesla", false)).start();
        scheduler.runDue();

        assertTrue(household.snapshot().vehicle("tesla").status().stale(), "the status says stale");
        var stored = store.readings(clock.instant().minus(Duration.ofDays(1)), clock.instant().plusSeconds(1),
                "Tesla Model Y");
        assertEquals(1, stored.size());
        assertEquals(tesla.reportedAt, stored.get(0).timestamp(), "the car's own time");
        assertTrue(stored.get(0).stale(), "and the same verdict");
    }

    @Test
    void invalidSettingsChangeNothing() {
        build(Map.of(), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        long seq = household.snapshot().sequence();
        assertThrows(InvalidSettingException.class, () -> household.updateSettings(s -> s.withChargeThreshold(120)));
        assertEquals(80, household.settings().chargeThreshold());
        assertEquals(seq, household.snapshot().sequence());
        assertTrue(persisted.isEmpty());
    }

    @Test
    void aFailingCarKeepsItsLastStateMarkedStaleAndTheErrorIsRecorded() {
        CountingCar tesla = new CountingCar(clock);
        build(Map.of("tesla", tesla), HouseholdSettings.defaults().withMockMode("tesla", false)).start();
        scheduler.runDue();
        VehicleStatus good = household.snapshot().vehicle("tesla").status();
        assertFalse(good.stale());
        tesla.fail = true;
        scheduler.advance(Duration.ofMinutes(60));
        VehicleView v = household.snapshot().vehicle("tesla");
        assertEquals("Fleet API answered 503", v.error());
        assertEquals("COMMUNICATION", v.errorKind());
        assertTrue(v.status().stale());
        assertEquals(good.batteryPercent(), v.status().batteryPercent());
        assertEquals(1, store.errors(Instant.EPOCH, clock.instant().plusSeconds(1), "tesla_service").size());
        assertEquals("Fleet API answered 503", household.recentErrors().get(0).message());
        tesla.fail = false;
        scheduler.advance(Duration.ofMinutes(60));
        assertNull(household.snapshot().vehicle("tesla").error());
        assertFalse(household.snapshot().vehicle("tesla").status().stale());
    }

    @Test
    void aRealCarIsAskedAtMostOnceAMinuteHoweverOftenUsersClick() {
        CountingCar tesla = new CountingCar(clock);
        build(Map.of("tesla", tesla), HouseholdSettings.defaults().withMockMode("tesla", false)).start();
        scheduler.runDue();
        for (int i = 0; i < 10; i++) {
            household.requestUpdate();
            scheduler.advance(Duration.ofSeconds(5));
        }
        assertEquals(1, tesla.fetches.get());
        scheduler.advance(Duration.ofSeconds(15));
        household.requestUpdate();
        scheduler.runDue();
        assertEquals(2, tesla.fetches.get());
    }

    @Test
    void aTriggerDuringARunningUpdateJoinsIt() throws Exception {
        CountDownLatch inFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingCar slow = new CountingCar(clock) {
            @Override
            public VehicleStatus fetch() throws VehicleException {
                inFetch.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.fetch();
            }
        };
        ScheduledExecutorService real = Executors.newScheduledThreadPool(2);
        try {
            store = new HistoryStore(dir.resolve("h.db"));
            sim = Simulation.create(clock, 59.9, 10.7, Simulation.defaultProfiles());
            household = new Household(sim.slots(Map.of("tesla", slow)),
                    HouseholdSettings.defaults().withMockMode("tesla", false), store, clock, real,
                    StatusEnricher.NONE, Household.SettingsPersister.NONE);
            CompletableFuture<HouseholdSnapshot> first = household.requestUpdate();
            assertTrue(inFetch.await(10, TimeUnit.SECONDS));
            CompletableFuture<HouseholdSnapshot> second = household.requestUpdate();
            assertSame(first, second, "the second trigger joins the running update");
            release.countDown();
            HouseholdSnapshot done = first.get(10, TimeUnit.SECONDS);
            assertEquals(1, slow.fetches.get());
            assertEquals(2, store.count("battery_readings"));
            assertNotNull(done.vehicle("tesla").status());
        } finally {
            release.countDown();
            real.shutdownNow();
        }
    }

    @Test
    void mockModeSwitchesTheSourceAndRefusesAnUnconfiguredCar() {
        CountingCar tesla = new CountingCar(clock);
        build(Map.of("tesla", tesla), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        assertTrue(household.snapshot().vehicle("tesla").status().mock());
        household.setMockMode("tesla", false);
        scheduler.runDue();
        assertFalse(household.snapshot().vehicle("tesla").status().mock());
        assertEquals(DataSource.FLEET_API, household.snapshot().vehicle("tesla").status().source());
        assertFalse(persisted.get(persisted.size() - 1).mockMode("tesla"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> household.setMockMode("ioniq", false));
        assertTrue(e.getMessage().contains("not configured"), e.getMessage());
        assertTrue(household.settings().mockMode("ioniq"));
        assertThrows(IllegalArgumentException.class, () -> household.setMockMode("bmw", true));
    }

    @Test
    void dailyCleanupKeepsOnlyTheRetention() {
        build(Map.of(), HouseholdSettings.defaults().withRetentionDays(2).withUpdateIntervalMinutes(60)).start();
        scheduler.advance(Duration.ofDays(5));
        long readings = store.count("battery_readings");
        // at most 2 days kept plus the day the last cleanup has not yet reached
        assertTrue(readings <= 2 * 24 * 3 + 2, "readings " + readings);
        assertTrue(readings >= 2 * 24 * 2, "readings " + readings);
        assertTrue(store.readings(Instant.EPOCH, clock.instant().minus(Duration.ofDays(3)), null).isEmpty());
    }

    @Test
    void closeCancelsEveryJob() {
        build(Map.of(), HouseholdSettings.defaults()).start();
        scheduler.runDue();
        assertEquals(3, scheduler.pending(), "the update, the cleanup and the re-planning at the quarter-hour");
        household.close();
        assertEquals(0, scheduler.pending());
        assertFalse(household.schedulerStatus().running());
        assertTrue(household.requestUpdate().isCompletedExceptionally());
    }
}
