package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Two Teslas on one Fleet API account: one sign-in, one token file, one refresh for both, each car read by its own
 * VIN and metered on its own; and the single login of an earlier version taken over without signing in again.
 */
@NonNullByDefault
class TeslaAccountsTest {

    static final String VIN2 = "XP7YGCEK5PB000002";
    static final String VEHICLE2_PATH = "/api/1/vehicles/" + VIN2;
    static final String ACCOUNT = "home-EU";
    private static final String OLD_ACCESS = "old-access-token-8c1e";
    private static final String OLD_REFRESH = "EU_old-refresh-token-77d0a3";
    private static final String NEW_ACCESS = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJodHRwczovL2ZsZWV0LWF1dGgudGVzbGEuY29tIiwic3ViIjoiYW5vbiJ9.c2lnbmF0dXJlLXNlY29uZA";
    private static final String NEW_REFRESH = "EU_5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";

    private @TempDir Path tmp;
    private WireMockServer server = new WireMockServer();
    private final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private Path tokenDir = Path.of("unset");
    private TeslaAccounts accounts = new TeslaAccounts(Path.of("unset"));

    @BeforeEach
    void setUp() {
        server = startServer();
        tokenDir = tmp.resolve("tesla");
        accounts = new TeslaAccounts(tokenDir);
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private TeslaConfig car(String vin, String carId) {
        return config(server, tokenDir).vin(vin).name("Tesla " + carId)
                .usageFile(tokenDir.resolve("fleet-api-usage-home-" + carId + ".json")).build();
    }

    private void saveAccountTokens(String accountId, String access, String refresh, Duration validFor)
            throws IOException {
        new TokenStore(tokenDir, TeslaAccounts.tokenFileName(accountId), new SecureRandom())
                .save(new TeslaTokens(access, refresh, START.plus(validFor)));
    }

    private void stubOnlineCars(String accessToken) {
        for (String path : List.of(VEHICLE_PATH, VEHICLE2_PATH)) {
            server.stubFor(get(path).withHeader("Authorization", equalTo("Bearer " + accessToken))
                    .willReturn(okJson(fixture("vehicle-online.json"))));
        }
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(fixture("vehicle-data-charging.json"))));
        server.stubFor(get(urlPathEqualTo(VEHICLE2_PATH + "/vehicle_data"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(fixture("vehicle-data-no-location.json"))));
    }

    @Test
    void twoCarsShareOneSignInOneRefreshAndAreEachReadByTheirOwnVin() throws Exception {
        // The access token runs out within the renewal margin: the first read of either car renews it.
        saveAccountTokens(ACCOUNT, OLD_ACCESS, OLD_REFRESH, Duration.ofMinutes(2));
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-refreshed.json")).withFixedDelay(300)));
        stubOnlineCars(NEW_ACCESS);
        TeslaFleetService modelY = accounts.open(ACCOUNT, car(VIN, "modely"), clock, null);
        TeslaFleetService model3 = accounts.open(ACCOUNT, car(VIN2, "model3"), clock, null);
        assertSame(modelY.account(), model3.account(), "one account");
        assertEquals(2, accounts.cars(ACCOUNT));

        // Both read at once, as two households' schedulers could: one refresh, never the spent token twice.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<VehicleStatus> y = pool.submit(() -> {
                start.await();
                return modelY.fetch();
            });
            Future<VehicleStatus> three = pool.submit(() -> {
                start.await();
                return model3.fetch();
            });
            start.countDown();
            assertEquals(57, y.get(20, TimeUnit.SECONDS).batteryPercent());
            assertEquals(34, three.get(20, TimeUnit.SECONDS).batteryPercent());
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size(), "one refresh for both");
        server.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("refresh_token=" + OLD_REFRESH)));
        server.verify(1, getRequestedFor(urlEqualTo(VEHICLE_PATH)));
        server.verify(1, getRequestedFor(urlEqualTo(VEHICLE2_PATH)));
        server.verify(1, getRequestedFor(urlPathEqualTo(VEHICLE_DATA_PATH)));
        server.verify(1, getRequestedFor(urlPathEqualTo(VEHICLE2_PATH + "/vehicle_data")));
        server.verify(0, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + OLD_ACCESS)));
        assertEquals(NEW_REFRESH,
                new TokenStore(tokenDir, TeslaAccounts.tokenFileName(ACCOUNT), new SecureRandom()).load()
                        .orElseThrow().refreshToken(),
                "the account's one token file holds the rotated refresh token");
        assertEquals("rw-------", permissions(tokenDir.resolve(TeslaAccounts.tokenFileName(ACCOUNT))));
        assertFalse(Files.exists(tokenDir.resolve(TokenStore.TOKEN_FILE)), "no token file of a single car");

        // Each car counts its own calls (state + data), in its own file.
        assertEquals(2, modelY.costMeter().count(TeslaCostMeter.Category.DATA));
        assertEquals(2, model3.costMeter().count(TeslaCostMeter.Category.DATA));
        assertTrue(Files.exists(tokenDir.resolve("fleet-api-usage-home-modely.json")));
        assertTrue(Files.exists(tokenDir.resolve("fleet-api-usage-home-model3.json")));
        assertEquals(ACCOUNT, modelY.diagnostics().get("account"));
        assertEquals(ACCOUNT, model3.diagnostics().get("account"));
        String diagnostics = modelY.diagnostics().toString() + model3.diagnostics();
        assertFalse(diagnostics.contains(NEW_ACCESS) || diagnostics.contains(NEW_REFRESH), "no token shown");

        // The account lives as long as one of its cars.
        TeslaAccount account = modelY.account();
        modelY.close();
        modelY.close();
        assertEquals(1, accounts.cars(ACCOUNT), "closing twice lets go once");
        assertSame(account, accounts.account(ACCOUNT));
        model3.close();
        assertEquals(0, accounts.cars(ACCOUNT));
        assertNull(accounts.account(ACCOUNT));
    }

    @Test
    void aSignInServesEveryCarOfTheAccount() throws Exception {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-response.json"))));
        TeslaFleetService modelY = accounts.open(ACCOUNT, car(VIN, "modely"), clock, null);
        TeslaFleetService model3 = accounts.open(ACCOUNT, car(VIN2, "model3"), clock, null);
        assertFalse(model3.isAuthorized());
        VehicleException notYet = assertThrows(VehicleException.class, model3::fetch);
        assertEquals(VehicleException.Kind.AUTHENTICATION, notYet.kind());

        java.net.URI redirect = java.net.URI.create("http://openhab.local:8080/chargepriority/oauth/tesla/callback");
        java.net.URI authorize = modelY.oauth().authorizeUrl(redirect);
        String state = authorize.getQuery().replaceFirst(".*(^|&)state=([^&]*).*", "$2");
        assertTrue(model3.oauth().knows(state), "the sign-in is the account's");
        model3.oauth().exchange(state, "EU_the-code", redirect);

        assertTrue(modelY.isAuthorized());
        assertTrue(model3.isAuthorized());
        assertTrue(Files.exists(tokenDir.resolve(TeslaAccounts.tokenFileName(ACCOUNT))));
        modelY.close();
        model3.close();
    }

    @Test
    void aCarWithAnotherClientCannotJoinTheAccount() {
        TeslaFleetService modelY = accounts.open(ACCOUNT, car(VIN, "modely"), clock, null);
        TeslaConfig otherClient = config(server, tokenDir).vin(VIN2).clientId("another-client").build();

        AccountMismatchException e = assertThrows(AccountMismatchException.class,
                () -> accounts.open(ACCOUNT, otherClient, clock, null));

        assertEquals(TeslaRegion.EU, e.region());
        assertFalse(e.getMessage().contains("another-client") || e.getMessage().contains(CLIENT_SECRET),
                e.getMessage());
        assertEquals(1, accounts.cars(ACCOUNT), "the refused car holds nothing");
        // Another region is another account, with a sign-in of its own.
        TeslaFleetService na = accounts.open("home-NA",
                config(server, tokenDir).vin(VIN2).clientId("another-client").region(TeslaRegion.NA).build(), clock,
                null);
        assertNotSame(modelY.account(), na.account());
        modelY.close();
        na.close();
    }

    @Test
    void anAccountIdMustNameAFile() {
        assertThrows(IllegalArgumentException.class, () -> accounts.open("../home", car(VIN, "modely"), clock, null));
        assertThrows(IllegalArgumentException.class, () -> accounts.open("", car(VIN, "modely"), clock, null));
    }

    @Test
    void theLoginOfAnEarlierVersionMovesToTheFirstAccountOfItsRegion() throws Exception {
        // What an earlier version left: one car's tokens and its call counts in the token folder.
        saveTokens(tokenDir, OLD_ACCESS, OLD_REFRESH, START.plus(Duration.ofHours(6)));
        Path legacy = tokenDir.resolve(TokenStore.TOKEN_FILE);
        Path legacyUsage = tokenDir.resolve(TeslaConfig.USAGE_FILE_NAME);
        Files.writeString(legacyUsage, "{\"month\":\"2025-03\",\"data\":40,\"wake\":0,\"command\":0}");

        // An account of another region does not take a login of the EU.
        TeslaFleetService na = accounts.open("home-NA", config(server, tokenDir).vin(VIN2).region(TeslaRegion.NA)
                .usageFile(tokenDir.resolve("fleet-api-usage-home-us.json")).build(), clock, null);
        assertFalse(na.isAuthorized());
        assertTrue(Files.exists(legacy), "left for an account of its region");

        TeslaFleetService modelY = accounts.open(ACCOUNT, car(VIN, "tesla"), clock, null);
        assertTrue(modelY.isAuthorized(), "no new sign-in after the upgrade");
        Path moved = tokenDir.resolve(TeslaAccounts.tokenFileName(ACCOUNT));
        assertFalse(Files.exists(legacy), "moved, not copied: the refresh token inside can be spent only once");
        assertEquals("rw-------", permissions(moved));
        assertEquals("rwx------", permissions(tokenDir));
        stubOnlineCars(OLD_ACCESS);
        assertEquals(57, modelY.fetch().batteryPercent());
        server.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        // The earlier car's counts of the month went with its login, to the first car of the account that took it.
        assertFalse(Files.exists(legacyUsage));
        assertEquals(0, na.costMeter().count(TeslaCostMeter.Category.DATA));
        assertEquals(40 + 2, modelY.costMeter().count(TeslaCostMeter.Category.DATA));

        // A second account of the same region finds nothing left to take.
        TeslaFleetService other = accounts.open("cabin-EU", car(VIN2, "cabin"), clock, null);
        assertFalse(other.isAuthorized());
        server.verify(0, postRequestedFor(anyUrl()));
        na.close();
        modelY.close();
        other.close();
    }
}
