package org.openhab.binding.chargepriority.internal.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.geo.Fixtures;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaCostMeter;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The standalone runtime's Teslas on one Fleet API sign-in, against a WireMock stand-in for Tesla's sign-in service
 * and Fleet API: the login an earlier version kept for its one Tesla ({@code data/tesla/tesla-tokens.json}) is taken
 * over after the upgrade without signing in again, and a second Tesla declared as {@code car.<id>.kind=tesla} reads
 * its own VIN with it, one token refresh serving both.
 */
class StandaloneTeslasTest {

    private static final String VIN = "XP7YGCEK5PB000001";
    private static final String VIN2 = "XP7YGCEK5PB000002";
    private static final String TOKEN_PATH = "/oauth2/v3/token";
    private static final URI REDIRECT = URI.create("http://localhost:8000/chargepriority/oauth/tesla/callback");

    @TempDir
    Path dataDir;

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:30:00Z"),
            ZoneId.of("Europe/Oslo"));

    @BeforeEach
    void setUp() {
        server.start();
        server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(Fixtures.read("tesla/token-response.json"))));
        server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson(Fixtures.read("tesla/token-refreshed.json"))));
        for (String vin : new String[] { VIN, VIN2 }) {
            server.stubFor(
                    get("/api/1/vehicles/" + vin).willReturn(okJson(Fixtures.read("tesla/vehicle-online.json"))));
        }
        server.stubFor(get(urlPathEqualTo("/api/1/vehicles/" + VIN + "/vehicle_data"))
                .willReturn(okJson(Fixtures.read("tesla/vehicle-data-charging.json"))));
        server.stubFor(get(urlPathEqualTo("/api/1/vehicles/" + VIN2 + "/vehicle_data"))
                .willReturn(okJson(Fixtures.read("tesla/vehicle-data-no-location.json"))));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private Map<String, Object> teslaKeys() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dataDir", dataDir.toString());
        p.put("tesla.clientId", "0d5c1f7e-3b8a-4c2e-9f61-7a8b9c0d1e2f");
        p.put("tesla.clientSecret", "ta-secret.cp-test-5d41402abc4b2a76b9719d911017c592");
        p.put("tesla.vin", VIN);
        p.put("tesla.authorizeUrl", server.baseUrl() + "/oauth2/v3/authorize");
        p.put("tesla.tokenUrl", server.baseUrl() + TOKEN_PATH);
        p.put("tesla.apiBaseUrl", server.baseUrl());
        return p;
    }

    /** What the standalone runtime before the shared sign-in did: one Tesla, one login in tesla-tokens.json. */
    private void signInAndReadAsAnEarlierVersion(Map<String, Object> keys) throws Exception {
        StandaloneConfig c = new StandaloneConfig(keys);
        TeslaFleetService earlier = TeslaFleetService.create(TeslaConfig.builder()
                .clientId(c.string("tesla.clientId")).clientSecret(c.string("tesla.clientSecret"))
                .region(TeslaRegion.EU).vin(VIN).authorizeUrl(c.string("tesla.authorizeUrl"))
                .tokenUrl(c.string("tesla.tokenUrl")).apiBaseUrl(c.string("tesla.apiBaseUrl"))
                .tokenDir(dataDir.resolve("tesla")).build(), clock, null);
        try {
            URI authorize = earlier.oauth().authorizeUrl(REDIRECT);
            String state = authorize.getQuery().replaceFirst(".*(^|&)state=([^&]*).*", "$2");
            earlier.oauth().exchange(state, "EU_the-code", REDIRECT);
            assertEquals(57, earlier.fetch().batteryPercent());
        } finally {
            earlier.close();
        }
    }

    @Test
    void theLoginOfTheEarlierVersionIsTakenOverAndOneRefreshServesBothTeslas() throws Exception {
        Map<String, Object> keys = teslaKeys();
        signInAndReadAsAnEarlierVersion(keys);
        Path teslaDir = dataDir.resolve("tesla");
        assertTrue(Files.exists(teslaDir.resolve("tesla-tokens.json")), "the earlier version's login");
        assertTrue(Files.exists(teslaDir.resolve(TeslaConfig.USAGE_FILE_NAME)), "the earlier version's call counts");

        // The upgrade: the same file plus a second Tesla with a VIN of its own, read for real.
        keys.put("car.model3.kind", "tesla");
        keys.put("car.model3.vin", VIN2);
        keys.put("car.model3.mockMode", "false");
        StandaloneConfig c = new StandaloneConfig(keys);
        Map<String, String> names = StandaloneHousehold.names(Simulation.defaultProfiles(), c.simulatedCars(),
                c.httpCars());
        Map<String, VehicleService> real = new RealVehicles(c.dataDir()).create(c, clock, c.simulatedCars(), names);
        try {
            TeslaFleetService tesla = (TeslaFleetService) real.get("tesla");
            TeslaFleetService model3 = (TeslaFleetService) real.get("model3");
            assertTrue(tesla.isAuthorized() && model3.isAuthorized(), "nobody signs in again after the upgrade");
            assertSame(tesla.account(), model3.account());
            assertFalse(Files.exists(teslaDir.resolve("tesla-tokens.json")), "moved, not copied");
            assertTrue(Files.exists(teslaDir.resolve("tesla-tokens-standalone-EU.json")));
            assertEquals(2, tesla.costMeter().count(TeslaCostMeter.Category.DATA),
                    "the month's calls of the earlier version stay the built-in Tesla's");
            assertEquals(0, model3.costMeter().count(TeslaCostMeter.Category.DATA));

            // The access token has run out: the first read renews it, the second car reads with the new one.
            clock.advance(Duration.ofHours(9));
            assertEquals(57, tesla.fetch().batteryPercent());
            assertEquals(34, model3.fetch().batteryPercent(), "model3 is read by its own VIN");

            server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                    .withRequestBody(containing("grant_type=refresh_token")));
            server.verify(1, getRequestedFor(urlPathEqualTo("/api/1/vehicles/" + VIN2 + "/vehicle_data")));
            assertEquals("model3", model3.fetch().vehicleName());
            assertTrue(Files.exists(teslaDir.resolve("fleet-api-usage-model3.json")), "its own call counts");
        } finally {
            real.values().forEach(VehicleService::close);
        }
    }
}
