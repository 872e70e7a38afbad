package org.openhab.binding.chargepriority.internal.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.TestHousehold.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.geo.Fixtures;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulatedVehicle;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationOverride;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaAccounts;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTokens;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TokenStore;
import org.openhab.binding.chargepriority.internal.web.StatusJson;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;

/**
 * Any number of cars of each kind under one bridge: ids are the Things' ids, the kind comes from the Thing type, the
 * seed's fields show the first car of each kind, and two Teslas on one Fleet API account share one sign-in.
 */
@NonNullByDefault
class ManyCarsTest {

    private static final String VIN1 = "XP7YGCEK5PB000001";
    private static final String VIN2 = "XP7YGCEK5PB000002";
    private static final String OLD_ACCESS = "old-access-token-8c1e";
    private static final String OLD_REFRESH = "EU_old-refresh-token-77d0a3";
    private static final String NEW_ACCESS = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJodHRwczovL2ZsZWV0LWF1dGgudGVzbGEuY29tIiwic3ViIjoiYW5vbiJ9.c2lnbmF0dXJlLXNlY29uZA";

    @TempDir
    @Nullable
    Path dir;
    private @Nullable TestHousehold household;
    private WireMockServer tesla = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void startTesla() {
        tesla.start();
    }

    @AfterEach
    void tearDown() {
        TestHousehold h = household;
        if (h != null) {
            h.close();
        }
        tesla.stop();
    }

    private Path dir() {
        Path d = dir;
        assertNotNull(d);
        return d;
    }

    private TestHousehold household() {
        TestHousehold h = new TestHousehold(dir(), Map.of());
        household = h;
        return h;
    }

    private Map<String, Object> realTesla(String vin, Object... more) {
        Map<String, Object> c = new HashMap<>(Map.of("mockMode", false, "clientId", "client-123", "clientSecret",
                "very-secret", "region", "EU", "vin", vin, "authorizeHost", tesla.baseUrl(), "tokenHost",
                tesla.baseUrl(), "apiHost", tesla.baseUrl()));
        for (int i = 0; i < more.length; i += 2) {
            c.put((String) more[i], more[i + 1]);
        }
        return c;
    }

    private static String fixture(String name) {
        return Fixtures.read("tesla/" + name);
    }

    private void stubOnlineCar(String vin, String data, String accessToken) {
        tesla.stubFor(get("/api/1/vehicles/" + vin).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(fixture("vehicle-online.json"))));
        tesla.stubFor(get(urlPathEqualTo("/api/1/vehicles/" + vin + "/vehicle_data"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)).willReturn(okJson(fixture(data))));
    }

    @Test
    void twoTeslasUnderOneBridgeShareOneSignInAndAreEachReadByTheirOwnVin() throws Exception {
        // An upgraded installation: the single Tesla's login of the earlier version, its access token about to run
        // out, so the first read renews it.
        Path teslaDir = dir().resolve("userdata").resolve("tesla");
        new TokenStore(teslaDir).save(new TeslaTokens(OLD_ACCESS, OLD_REFRESH, START.plus(Duration.ofMinutes(2))));
        tesla.stubFor(post("/oauth2/v3/token").willReturn(okJson(fixture("token-refreshed.json"))));
        stubOnlineCar(VIN1, "vehicle-data-charging.json", NEW_ACCESS);
        stubOnlineCar(VIN2, "vehicle-data-no-location.json", NEW_ACCESS);
        TestHousehold h = household();
        RealVehicleServiceFactory real = new RealVehicleServiceFactory(dir().resolve("userdata"), () -> h.clock);
        VehicleHandler modelY = h.addTesla(realTesla(VIN1), real);
        VehicleHandler model3 = h.addCar(THING_TYPE_TESLA, "model3", realTesla(VIN2), real);
        VehicleHandler ioniq = h.addIoniq(Map.of(), real);
        h.handler.initialize();

        for (VehicleHandler car : List.of(modelY, model3, ioniq)) {
            awaitStatus(h.callback(car), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        }
        awaitState(h.callback(modelY), channel(modelY.getThing(), CHANNEL_BATTERY_LEVEL),
                new QuantityType<>(57, Units.PERCENT));
        awaitState(h.callback(model3), channel(model3.getThing(), CHANNEL_BATTERY_LEVEL),
                new QuantityType<>(34, Units.PERCENT));

        tesla.verify(1, postRequestedFor(urlEqualTo("/oauth2/v3/token"))
                .withRequestBody(containing("grant_type=refresh_token")));
        tesla.verify(1, getRequestedFor(urlPathEqualTo("/api/1/vehicles/" + VIN1 + "/vehicle_data")));
        tesla.verify(1, getRequestedFor(urlPathEqualTo("/api/1/vehicles/" + VIN2 + "/vehicle_data")));
        String account = RealVehicleServiceFactory.teslaAccountId("home",
                org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion.EU);
        assertEquals("home-EU", account);
        assertEquals(2, real.teslaAccounts().cars(account), "both cars on one account");
        Path tokens = teslaDir.resolve(TeslaAccounts.tokenFileName(account));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)));
        assertFalse(Files.exists(teslaDir.resolve(TokenStore.TOKEN_FILE)), "the earlier login moved to the account");
        // Each car's Fleet API calls are its own: state + data.
        awaitState(h.callback(modelY), channel(modelY.getThing(), CHANNEL_API_CALLS), new DecimalType(2));
        awaitState(h.callback(model3), channel(model3.getThing(), CHANNEL_API_CALLS), new DecimalType(2));

        // The seed's fields show the Thing "tesla" as before; the second Tesla is in "vehicles" by its Thing's id.
        JsonObject status = StatusJson.status(h.household().snapshot(), h.clock.getZone());
        assertEquals(57.0, status.getAsJsonObject("tesla").get("battery_percent").getAsDouble());
        assertEquals("Tesla Model Y", status.getAsJsonObject("tesla").get("vehicle_name").getAsString());
        JsonObject second = status.getAsJsonObject("vehicles").getAsJsonObject("model3");
        assertEquals("tesla", second.get("kind").getAsString());
        assertEquals("model3", second.get("name").getAsString(), "called by its Thing's label");
        assertEquals(34.0, second.getAsJsonObject("status").get("battery_percent").getAsDouble());
        assertFalse(status.has("model3"), "only the seed's cars have fields of their own");

        // Removing one Tesla leaves the other on the account, signed in.
        h.handler.childHandlerDisposed(model3, model3.getThing());
        model3.dispose();
        await("the household without model3", () -> h.household().slot("model3") == null);
        await("one car left on the account (the old household closed)", () -> real.teslaAccounts().cars(account) == 1);
        assertNotNull(real.teslaAccounts().account(account));
        assertTrue(Files.exists(tokens));
    }

    @Test
    void aTeslaWithAnotherClientOnTheSameBridgeAndRegionIsAConfigurationError() {
        TestHousehold h = household();
        RealVehicleServiceFactory real = new RealVehicleServiceFactory(dir().resolve("userdata"), () -> h.clock);
        VehicleHandler first = h.addTesla(realTesla(VIN1), real);
        VehicleHandler other = h.addCar(THING_TYPE_TESLA, "model3", realTesla(VIN2, "clientId", "another-app"), real);
        h.handler.initialize();

        awaitStatus(h.callback(other), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertEquals(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                "@text/offline.conf-error-tesla-account [\"EU\"]"), lastStatus(h.callback(other)));
        await("the first Tesla in the household", () -> {
            var running = h.handler.current();
            return running != null && running.slot("tesla") != null;
        });
        assertNull(h.household().slot("model3"));
        // Not signed in yet: the first says so, as a single Tesla always did.
        awaitStatus(h.callback(first), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
    }

    @Test
    void everyCarGoesByItsThingsIdAndIsSimulatedAsItsKind() throws Exception {
        TestHousehold h = household();
        VehicleHandler modelY = h.addCar(THING_TYPE_TESLA, "modely", Map.of(), VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler model3 = h.addCar(THING_TYPE_TESLA, "model3", Map.of("vin", VIN2),
                VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler kona = h.addCar(THING_TYPE_IONIQ, "kona", Map.of(), VehicleServiceFactory.MOCK_ONLY);
        h.handler.initialize();
        for (VehicleHandler car : List.of(modelY, model3, kona)) {
            awaitStatus(h.callback(car), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        }

        // A stable order whatever order openHAB initializes the Things in: Teslas by id, then Ioniqs.
        List<VehicleSlot> slots = h.household().slots();
        assertEquals(List.of("model3", "modely", "kona"), slots.stream().map(VehicleSlot::id).toList());
        assertEquals(List.of(VehicleKind.TESLA, VehicleKind.TESLA, VehicleKind.IONIQ),
                slots.stream().map(VehicleSlot::kind).toList());
        // The first of each kind keeps its model's name; another is called by its label (here: its id).
        assertEquals(List.of("Tesla Model Y", "modely", "Hyundai Ioniq 5"),
                slots.stream().map(VehicleSlot::name).toList());
        for (VehicleSlot slot : slots) {
            SimulatedVehicle sim = slot.simulation();
            assertNotNull(sim);
            SimulationProfile kind = slot.kind() == VehicleKind.TESLA ? SimulationProfile.teslaModelY()
                    : SimulationProfile.ioniq5();
            assertEquals(kind.capacityKwh(), sim.profile().capacityKwh(), slot.id());
            assertEquals(kind.trips(), sim.profile().trips(), slot.id() + " drives as its kind");
            assertEquals(slot.id(), sim.id());
        }

        // The Ioniq "kona" nearly empty at home: priority#vehicle names its Thing.
        SimulatedVehicle konaSim = h.household().slot("kona").simulation();
        assertNotNull(konaSim);
        konaSim.apply(new SimulationOverride(8.0, false, false, true, false));
        HouseholdSnapshot snapshot = h.household().requestFreshUpdate().get();
        assertEquals("kona", snapshot.priority().vehicleId());
        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_VEHICLE), new StringType("kona"));
        JsonObject status = StatusJson.status(snapshot, h.clock.getZone());
        assertEquals("kona", status.get("priority_vehicle_id").getAsString());
        assertEquals("Hyundai Ioniq 5", status.get("priority_vehicle").getAsString());
        assertEquals(8.0, status.getAsJsonObject("ioniq").get("battery_percent").getAsDouble(), "the seed's ioniq");
        assertEquals("Tesla Model Y", status.getAsJsonObject("tesla").get("vehicle_name").getAsString());

        // Mock modes by id; a car of the household has no id of its kind unless its Thing has.
        assertEquals(Map.of("model3", true, "modely", true, "kona", true), h.household().settings().mockModes());
        assertThrows(IllegalArgumentException.class, () -> h.household().setMockMode("tesla", true));
        assertThrows(IllegalStateException.class, () -> h.household().setMockMode("modely", false),
                "this build cannot read the real car");
    }
}
