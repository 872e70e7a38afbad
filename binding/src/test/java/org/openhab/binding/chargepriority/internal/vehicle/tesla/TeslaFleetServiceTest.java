package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaCostMeter.Category;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * Reading the Tesla through a local stand-in for the Fleet API: what the household gets, which calls are made (and
 * billed), and that a sleeping car is left asleep.
 */
@NonNullByDefault
class TeslaFleetServiceTest {

    private static final String ACCESS = "access-token-3f9a1c7d";
    private static final String REFRESH = "EU_refresh-token-b62e04";
    /** Where the fixture car stands (Karl Johans gate, Oslo). */
    private static final double CAR_LAT = 59.9127313;
    private static final double CAR_LON = 10.7460924;

    private @TempDir Path tmp;
    private WireMockServer server = new WireMockServer();
    private final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Path tokenDir = Path.of("unset");

    @BeforeEach
    void setUp() throws IOException {
        server = startServer();
        tokenDir = tmp.resolve("tesla");
        saveTokens(tokenDir, ACCESS, REFRESH, START.plus(Duration.ofDays(2)));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private TeslaFleetService service() {
        return service(config(server, tokenDir).build(), null);
    }

    private TeslaFleetService service(TeslaConfig config, @Nullable HomeGeofence geofence) {
        return new TeslaFleetService(config, clock, geofence, sleeps::add);
    }

    private void stubVehicle(String fixture) {
        server.stubFor(get(VEHICLE_PATH).willReturn(okJson(fixture(fixture))));
    }

    private void stubVehicleData(String fixture) {
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(okJson(fixture(fixture))));
    }

    private int vehicleDataCalls() {
        return server.findAll(getRequestedFor(urlPathEqualTo(VEHICLE_DATA_PATH))).size();
    }

    private int wakeUpCalls() {
        return server.findAll(anyRequestedFor(urlPathMatching(".*/wake_up.*"))).size();
    }

    @Test
    void anOnlineCarIsReadWithRangeInKilometresAndTheCarsOwnTimestamp() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");

        VehicleStatus status = service().fetch();

        assertEquals("Tesla Model Y", status.vehicleName());
        assertEquals(57, status.batteryPercent());
        assertEquals(171.55 * 1.609344, status.rangeKm(), 1e-9);
        assertEquals(276.08, status.rangeKm(), 0.01);
        assertTrue(status.charging());
        assertEquals(Boolean.TRUE, status.pluggedIn());
        assertEquals("Charging", status.chargingState());
        assertEquals(11.0, status.chargingPowerKw());
        assertEquals(CAR_LAT, status.latitude());
        assertEquals(CAR_LON, status.longitude());
        assertEquals(Instant.ofEpochMilli(1742199645123L), status.lastUpdated());
        assertEquals(Location.UNKNOWN, status.location(), "without a geofence the household decides");
        assertEquals(DataSource.FLEET_API, status.source());
        assertFalse(status.mock());
        assertFalse(status.stale());

        server.verify(getRequestedFor(urlPathEqualTo(VEHICLE_DATA_PATH))
                .withQueryParam("endpoints", equalTo("charge_state;drive_state;location_data;vehicle_state"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS)));
        assertEquals(List.of("GET " + VEHICLE_PATH, "GET " + VEHICLE_DATA_PATH), requestLog(server));
    }

    @Test
    void theCarsOwnChargeTellsItsUsableBatteryAndAnAnswerWithoutACharge() throws Exception {
        TeslaFleetService tesla = service();
        assertNull(tesla.reportedCapacityKwh(), "nothing read yet");
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-no-location.json"); // charge_energy_added 0: nothing to learn from
        tesla.fetch();
        assertNull(tesla.reportedCapacityKwh());
        assertFalse(tesla.diagnostics().containsKey("battery_capacity_kwh"));

        stubVehicleData("vehicle-data-charging.json");
        clock.advance(Duration.ofHours(1)); // past the cache
        tesla.fetch();
        // 12.84 kWh for 52.5 rated miles, 171.55 rated miles at 57 %: 0.2446 kWh/mi x 301.0 mi
        assertEquals(73.6, tesla.reportedCapacityKwh(), 1e-9);
        assertEquals(73.6, (Double) tesla.diagnostics().get("battery_capacity_kwh"), 1e-9);
    }

    @Test
    void aCarParkedAtHomeIsHomeWhenAGeofenceIsGiven() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        HomeGeofence home = new HomeGeofence(59.91280, 10.74620, 100, 20);

        assertEquals(Location.HOME, service(config(server, tokenDir).build(), home).fetch().location());
    }

    @Test
    void aResponseWithoutLocationIsUnknownNeverHome() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-no-location.json");
        HomeGeofence home = new HomeGeofence(CAR_LAT, CAR_LON, 100, 20);

        VehicleStatus status = service(config(server, tokenDir).build(), home).fetch();

        assertEquals(Location.UNKNOWN, status.location());
        assertNull(status.latitude());
        assertNull(status.longitude());
        assertEquals(34, status.batteryPercent());
        assertEquals(101.37 * 1.609344, status.rangeKm(), 1e-9);
        assertFalse(status.charging());
        assertEquals(Boolean.FALSE, status.pluggedIn(), "Disconnected means not plugged in");
        assertEquals("Disconnected", status.chargingState());
    }

    @Test
    void aSleepingCarIsNeitherWokenNorAskedForDataAndSaysSoWhenNothingIsKnown() {
        stubVehicle("vehicle-asleep.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();

        VehicleException e = assertThrows(VehicleException.class, service::fetch);

        assertEquals(Kind.ASLEEP, e.kind());
        assertTrue(e.getMessage().contains("asleep"), e.getMessage());
        assertEquals(0, vehicleDataCalls());
        assertEquals(0, wakeUpCalls());
        assertEquals("asleep", service.diagnostics().get("vehicle_state"));
    }

    @Test
    void aCarThatFellAsleepShowsItsLastKnownStateMarkedStale() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();
        VehicleStatus awake = service.fetch();

        clock.advance(Duration.ofMinutes(60));
        stubVehicle("vehicle-asleep.json");
        VehicleStatus asleep = service.fetch();

        assertTrue(asleep.stale());
        assertEquals(awake.batteryPercent(), asleep.batteryPercent());
        assertEquals(awake.lastUpdated(), asleep.lastUpdated(), "the time the car last reported, not now");
        assertEquals("asleep", service.diagnostics().get("vehicle_state"));

        clock.advance(Duration.ofMinutes(60));
        stubVehicle("vehicle-offline.json");
        assertTrue(service.fetch().stale());
        assertEquals("offline", service.diagnostics().get("vehicle_state"));

        assertEquals(1, vehicleDataCalls());
        assertEquals(0, wakeUpCalls());
    }

    @Test
    void vehicleDataAnswering408MeansAsleepAndIsNotRetried() throws Exception {
        stubVehicle("vehicle-online.json");
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(aResponse().withStatus(408)
                .withHeader("Content-Type", "application/json").withBody(fixture("vehicle-unavailable-408.json"))));
        TeslaFleetService service = service();

        VehicleException e = assertThrows(VehicleException.class, service::fetch);

        assertEquals(Kind.ASLEEP, e.kind());
        assertEquals(1, vehicleDataCalls());
        assertEquals(List.of(), sleeps);
        assertEquals(0, wakeUpCalls());
        assertEquals(2, service.costMeter().count(Category.DATA), "a 408 is billed");
    }

    @Test
    void aCallThatTimedOutOnOurSideIsCountedForTeslaStillBillsIt() throws Exception {
        stubVehicle("vehicle-online.json");
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH))
                .willReturn(okJson(fixture("vehicle-data-charging.json")).withFixedDelay(1500)));
        TeslaFleetService service = service(config(server, tokenDir).requestTimeout(Duration.ofMillis(300)).build(),
                null);

        assertThrows(VehicleException.class, service::fetch);

        assertEquals(1, vehicleDataCalls(), "Tesla got the request");
        assertEquals(2, service.costMeter().count(Category.DATA), "the vehicle call and the timed-out data call");
    }

    @Test
    void rateLimitedCallWaitsAsLongAsRetryAfterSays() throws Exception {
        server.stubFor(get(VEHICLE_PATH).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        server.stubFor(get(VEHICLE_PATH).inScenario("rate").whenScenarioStateIs("ok")
                .willReturn(okJson(fixture("vehicle-online.json"))));
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();

        VehicleStatus status = service.fetch();

        assertFalse(status.stale());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
        assertEquals(3, service.costMeter().count(Category.DATA), "the 429 answer is billed too");
    }

    @Test
    void rateLimitWithoutHintBacksOffOneTwoFourSecondsThenGivesUp() {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(429)));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.COMMUNICATION, e.kind());
        assertEquals(429, e.httpStatus());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        assertEquals(4, server.findAll(getRequestedFor(urlEqualTo(VEHICLE_PATH))).size());
    }

    @Test
    void threeServerErrorsInARowFallBackToTheCachedState() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();
        VehicleStatus first = service.fetch();

        clock.advance(Duration.ofMinutes(60));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-500.json"))));
        VehicleStatus fallback = service.fetch();

        assertTrue(fallback.stale());
        assertEquals(first.batteryPercent(), fallback.batteryPercent());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), sleeps);
        assertEquals(1 + 4, vehicleDataCalls(), "one try and three retries");
        assertEquals(3, service.costMeter().count(Category.DATA), "5xx answers are not billed");
        assertTrue(String.valueOf(service.diagnostics().get("last_error")).contains("503"));
    }

    @Test
    void aServerErrorThatClearsOnRetryGivesFreshData() throws Exception {
        stubVehicle("vehicle-online.json");
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(fixture("vehicle-data-charging.json"))));

        VehicleStatus status = service().fetch();

        assertFalse(status.stale());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void malformedJsonIsACommunicationErrorAndKeepsTheLastState() throws Exception {
        stubVehicle("vehicle-online.json");
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH))
                .willReturn(okJson("{\"response\": {\"charge_state\": {\"battery_level\": 5")));
        TeslaFleetService service = service();

        VehicleException e = assertThrows(VehicleException.class, service::fetch);
        assertEquals(Kind.COMMUNICATION, e.kind());
        assertTrue(e.getMessage().contains("not the expected JSON"), e.getMessage());
        assertEquals(List.of(), sleeps, "a broken answer is not retried");

        stubVehicleData("vehicle-data-charging.json");
        VehicleStatus good = service.fetch();
        clock.advance(Duration.ofMinutes(60));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(okJson("<html>Bad gateway</html>")));
        VehicleStatus kept = service.fetch();
        assertTrue(kept.stale());
        assertEquals(good.batteryPercent(), kept.batteryPercent());
    }

    @Test
    void vehicleDataWithoutStateOfChargeIsRefused() {
        stubVehicle("vehicle-online.json");
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(
                okJson("{\"response\":{\"state\":\"online\",\"charge_state\":{\"charging_state\":\"Stopped\"}}}")));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.COMMUNICATION, e.kind());
        assertTrue(e.getMessage().contains("battery_level"), e.getMessage());
    }

    @Test
    void aSlowAnswerTimesOutAfterTheConfiguredTime() {
        server.stubFor(get(VEHICLE_PATH).willReturn(okJson(fixture("vehicle-online.json")).withFixedDelay(3000)));
        TeslaConfig config = config(server, tokenDir).requestTimeout(Duration.ofMillis(300)).build();

        VehicleException e = assertThrows(VehicleException.class, () -> service(config, null).fetch());

        assertEquals(Kind.COMMUNICATION, e.kind());
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
        assertEquals(List.of(), sleeps);
        assertEquals(0, vehicleDataCalls());
    }

    @Test
    void status412ExplainsPartnerRegistrationForTheRegion() {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(412)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-412.json"))));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.CONFIGURATION, e.kind());
        assertEquals(412, e.httpStatus());
        assertTrue(e.getMessage().contains("not registered in this region"), e.getMessage());
        assertTrue(e.getMessage().contains("/api/1/partner_accounts"), e.getMessage());
    }

    @Test
    void status421ExplainsTheWrongRegion() {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(421)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-421.json"))));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.CONFIGURATION, e.kind());
        assertEquals(421, e.httpStatus());
        assertTrue(e.getMessage().contains("not in the region"), e.getMessage());
        assertTrue(e.getMessage().contains("https://fleet-api.prd.na.vn.cloud.tesla.com"),
                "Tesla's hint at the right region is passed on: " + e.getMessage());
        assertTrue(e.getMessage().contains("EU, NA or CN"), e.getMessage());
    }

    @Test
    void aFetchWithinFiveMinutesOfTheLastReadMakesNoCall() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();
        VehicleStatus first = service.fetch();
        int calls = server.getAllServeEvents().size();

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        VehicleStatus second = service.fetch();

        assertSame(first, second);
        assertFalse(second.stale());
        assertEquals(calls, server.getAllServeEvents().size(), "no HTTP call, nothing billed");
        assertEquals(2, service.costMeter().count(Category.DATA));

        clock.advance(Duration.ofSeconds(2));
        service.fetch();
        assertEquals(calls + 2, server.getAllServeEvents().size());
    }

    @Test
    void withoutASavedLoginTheOwnerIsToldWhereToSignIn() throws Exception {
        Files.delete(tokenDir.resolve(TokenStore.TOKEN_FILE));
        TeslaFleetService service = service();

        VehicleException e = assertThrows(VehicleException.class, service::fetch);

        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("/chargepriority/oauth/tesla"), e.getMessage());
        assertEquals(0, server.getAllServeEvents().size());
        assertEquals(false, service.diagnostics().get("authorized"));
    }

    @Test
    void diagnosticsShowCallsAndCostButNeverASecret() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service();
        service.fetch();

        Map<String, Object> d = service.diagnostics();

        assertEquals(Map.of("data", 2, "wake", 0, "command", 0), d.get("api_calls_month"));
        assertEquals(0.004, d.get("estimated_cost_usd"));
        assertEquals(10.0, d.get("budget_usd"));
        assertEquals(false, d.get("throttled"));
        assertEquals("online", d.get("vehicle_state"));
        assertEquals(true, d.get("authorized"));
        String all = d.toString();
        assertFalse(all.contains(ACCESS));
        assertFalse(all.contains(REFRESH));
        assertFalse(all.contains(CLIENT_SECRET));
    }

    @Test
    void overBudgetPollsAreSkippedAndDiagnosticsSaySo() throws Exception {
        stubVehicle("vehicle-online.json");
        stubVehicleData("vehicle-data-charging.json");
        TeslaFleetService service = service(config(server, tokenDir).monthlyBudgetUsd(0.005).build(), null);
        service.fetch();
        int calls = server.getAllServeEvents().size();

        clock.advance(Duration.ofMinutes(60));
        VehicleStatus skipped = service.fetch();

        assertTrue(skipped.stale());
        assertEquals(calls, server.getAllServeEvents().size(), "no call once the budget is spent");
        Map<String, Object> d = service.diagnostics();
        assertEquals(true, d.get("throttled"));
        assertTrue(String.valueOf(d.get("throttle_reason")).contains("budget"), String.valueOf(d));
    }

    @Test
    void theAccountsCarsCanBeListedToFindTheVin() throws Exception {
        server.stubFor(get("/api/1/vehicles").willReturn(okJson(fixture("vehicles.json"))));

        var vehicles = service().api().vehicles();

        assertEquals(1, vehicles.size());
        assertEquals(VIN, vehicles.get(0).vin());
        assertEquals("Ladybird", vehicles.get(0).displayName());
        assertEquals("asleep", vehicles.get(0).state());
    }
}
