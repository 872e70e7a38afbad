package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.store.StoredError;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Issue 11, item 5: when the Fleet API stand-in fails and the household shows the Tesla's last known (stale) state,
 * the error behind it reaches the car's {@code error} and the error log, once per distinct error.
 */
class ErrorsBehindCachedStatusTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private WireMockServer server;
    private Household household;

    @BeforeEach
    void setUp() throws Exception {
        server = startServer();
        Path tokens = tmp.resolve("tesla");
        saveTokens(tokens, "access-token-1", "EU_refresh-token-1", START.plus(Duration.ofDays(2)));
        server.stubFor(get(VEHICLE_PATH).willReturn(okJson(fixture("vehicle-online.json"))));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(okJson(fixture("vehicle-data-charging.json"))));
        TeslaFleetService tesla = new TeslaFleetService(config(server, tokens).build(), clock, null, d -> {
        });
        household = new Household(
                Simulation.create(clock, 59.9, 10.7, Simulation.defaultProfiles()).slots(Map.of("tesla", tesla)),
                HouseholdSettings.defaults().withMockMode("tesla", false), null, clock, scheduler,
                StatusEnricher.NONE, Household.SettingsPersister.NONE);
    }

    @AfterEach
    void tearDown() {
        household.close();
        server.stop();
    }

    @Test
    void anErrorBehindAStaleStatusIsShownOnceNotOncePerPoll() {
        household.start();
        scheduler.runDue();
        VehicleView ok = household.snapshot().vehicle("tesla");
        assertNull(ok.error());
        assertFalse(ok.status().stale());

        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-500.json"))));
        for (int poll = 0; poll < 3; poll++) {
            scheduler.advance(Duration.ofMinutes(60));
        }

        VehicleView shown = household.snapshot().vehicle("tesla");
        assertTrue(shown.status().stale(), "the last known state, marked stale");
        assertNotNull(shown.error(), "and why");
        assertTrue(shown.error().contains("503"), shown.error());
        List<StoredError> errors = household.recentErrors().stream()
                .filter(e -> e.service().equals("tesla_service")).toList();
        assertEquals(1, errors.size(), "one entry for three polls with the same error: " + errors);

        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(okJson(fixture("vehicle-data-charging.json"))));
        scheduler.advance(Duration.ofMinutes(60));
        assertNull(household.snapshot().vehicle("tesla").error(), "read again: the error is gone");
    }
}
