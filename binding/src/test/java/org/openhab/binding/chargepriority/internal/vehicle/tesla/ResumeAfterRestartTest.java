package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Issue 11, item 4: after a restart, a Tesla that sleeps (the Fleet API stand-in answers "asleep") is shown with its
 * last stored reading, stale, at its real time, without an error, and without waking it.
 */
class ResumeAfterRestartTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private WireMockServer server;
    private HistoryStore store;
    private Path tokens;

    @BeforeEach
    void setUp() throws Exception {
        server = startServer();
        tokens = tmp.resolve("tesla");
        saveTokens(tokens, "access-token-1", "EU_refresh-token-1", START.plus(Duration.ofDays(2)));
        store = new HistoryStore(tmp.resolve("history.db"));
    }

    @AfterEach
    void tearDown() {
        store.close();
        server.stop();
    }

    private Household household() {
        TeslaFleetService tesla = new TeslaFleetService(config(server, tokens).build(), clock, null, d -> {
        });
        return new Household(
                Simulation.create(clock, 59.9, 10.7, Simulation.defaultProfiles()).slots(Map.of("tesla", tesla)),
                HouseholdSettings.defaults().withMockMode("tesla", false), store, clock, scheduler,
                StatusEnricher.NONE, Household.SettingsPersister.NONE);
    }

    @Test
    void aSleepingTeslaIsShownWithItsLastStoredReadingAfterARestart() {
        server.stubFor(get(VEHICLE_PATH).willReturn(okJson(fixture("vehicle-online.json"))));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(okJson(fixture("vehicle-data-charging.json"))));
        Household before = household();
        before.start();
        scheduler.runDue();
        VehicleStatus read = before.snapshot().vehicle("tesla").status();
        assertNotNull(read);
        before.close();

        // Eight hours later, after a restart, the car sleeps.
        clock.advance(Duration.ofHours(8));
        server.resetAll();
        server.stubFor(get(VEHICLE_PATH).willReturn(okJson(fixture("vehicle-asleep.json"))));
        Household after = household();
        VehicleView shown = after.snapshot().vehicle("tesla");
        assertNotNull(shown.status(), "known before the first read");
        assertEquals(read.batteryPercent(), shown.status().batteryPercent());
        // At the time the history holds for it (a fresh reading: its update's time), not now.
        assertEquals(store.lastReading(read.vehicleName()).timestamp(), shown.status().lastUpdated());
        assertTrue(shown.status().lastUpdated().isBefore(clock.instant().minus(Duration.ofHours(7))));
        assertTrue(shown.status().stale());

        after.start();
        scheduler.runDue();
        VehicleView asleep = after.snapshot().vehicle("tesla");
        assertEquals(read.batteryPercent(), asleep.status().batteryPercent(), "still shown while it sleeps");
        assertTrue(asleep.status().stale());
        assertNull(asleep.error(), "a sleeping car is not an error");
        assertNotNull(asleep.recommendation(), "and it takes part in the decision (stale)");
        server.verify(0, postRequestedFor(urlMatching(".*wake_up.*")));
        server.verify(0, getRequestedFor(urlPathEqualTo(VEHICLE_DATA_PATH)));
        after.close();
    }
}
