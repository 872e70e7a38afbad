package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.TestHousehold.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.InOrder;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.testutil.FakeCar;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * The household bridge as openHAB runs it: lifecycle, configuration errors, channels, commands.
 */
@NonNullByDefault
class HouseholdBridgeHandlerTest {

    @TempDir
    @Nullable
    Path dir;
    private @Nullable TestHousehold household;

    private TestHousehold household(Map<String, Object> config) {
        return household(config, Duration.ZERO);
    }

    private TestHousehold household(Map<String, Object> config, Duration settleDelay) {
        Path d = dir;
        assertNotNull(d);
        TestHousehold h = new TestHousehold(d, config, settleDelay);
        household = h;
        return h;
    }

    @AfterEach
    void tearDown() {
        TestHousehold h = household;
        if (h != null) {
            h.close();
        }
    }

    /** A Tesla read through a fake Fleet API at 62 %, 300 km, parked at home and not charging. */
    private FakeCar fakeTesla(TestHousehold h) {
        FakeCar tesla = new FakeCar("tesla", "Tesla Model Y", DataSource.FLEET_API, h.clock, 62, 300);
        tesla.chargingState = "Stopped";
        return tesla;
    }

    private static VehicleServiceFactory realTesla(VehicleService tesla) {
        return new VehicleServiceFactory() {
            @Override
            public @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
                return tesla;
            }
        };
    }

    private static Map<String, Object> realTeslaConfig() {
        return Map.of("mockMode", false, "clientId", "client", "clientSecret", "secret", "region", "EU", "vin",
                "XP7YGCEK5PB000001");
    }

    @Test
    void initializeGoesUnknownThenOnlineAndServesTheHouseholdOverHttp() {
        TestHousehold h = household(Map.of());
        h.handler.initialize();

        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        InOrder order = inOrder(h.bridgeCallback);
        order.verify(h.bridgeCallback).statusUpdated(h.bridge, new ThingStatusInfo(ThingStatus.UNKNOWN,
                ThingStatusDetail.NONE, null));
        order.verify(h.bridgeCallback).statusUpdated(h.bridge, new ThingStatusInfo(ThingStatus.ONLINE,
                ThingStatusDetail.NONE, null));
        assertSame(h.household(), h.registry.current(), "the REST API serves this household");
        assertTrue(Files.exists(dir.resolve("history.db")), "the history database is created");
    }

    @Test
    void initializeReturnsBeforeTheHouseholdIsBuilt() {
        TestHousehold h = household(Map.of(), Duration.ofHours(1));
        h.handler.initialize();

        verify(h.bridgeCallback).statusUpdated(h.bridge,
                new ThingStatusInfo(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, null));
        assertNull(h.handler.current());
        assertNull(h.registry.current());
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                Arguments.of(Map.of("chargeThreshold", 49),
                        "@text/offline.conf-error-range [\"chargeThreshold\", \"50\", \"100\", \"49\"]"),
                Arguments.of(Map.of("chargeThreshold", 101),
                        "@text/offline.conf-error-range [\"chargeThreshold\", \"50\", \"100\", \"101\"]"),
                Arguments.of(Map.of("minimumCharge", 120),
                        "@text/offline.conf-error-range [\"minimumCharge\", \"0\", \"100\", \"120\"]"),
                Arguments.of(Map.of("minimumRange", -1),
                        "@text/offline.conf-error-range [\"minimumRange\", \"0\", \"1000\", \"-1\"]"),
                Arguments.of(Map.of("hysteresis", 60),
                        "@text/offline.conf-error-range [\"hysteresis\", \"0\", \"50\", \"60\"]"),
                Arguments.of(Map.of("updateInterval", 0),
                        "@text/offline.conf-error-range [\"updateInterval\", \"1\", \"1440\", \"0\"]"),
                Arguments.of(Map.of("retentionDays", 0),
                        "@text/offline.conf-error-range [\"retentionDays\", \"1\", \"3650\", \"0\"]"),
                Arguments.of(Map.of("homeRadius", 5),
                        "@text/offline.conf-error-range [\"homeRadius\", \"10\", \"10000\", \"5\"]"),
                Arguments.of(Map.of("homeLatitude", 59.9), "@text/offline.conf-error-home-incomplete"),
                Arguments.of(Map.of("homeLatitude", 95, "homeLongitude", 10),
                        "@text/offline.conf-error-range [\"homeLatitude\", \"-90\", \"90\", \"95\"]"),
                Arguments.of(Map.of("homeLatitude", 59, "homeLongitude", 190),
                        "@text/offline.conf-error-range [\"homeLongitude\", \"-180\", \"180\", \"190\"]"),
                Arguments.of(Map.of("apiToken", "short"), "@text/offline.conf-error-api-token"),
                Arguments.of(Map.of("allowedOrigins", "https://ok.example.org, ftp://bad.example.org"),
                        "@text/offline.conf-error-origin [\"ftp://bad.example.org\"]"),
                Arguments.of(Map.of("allowedOrigins", "https://dash.example.org/path"),
                        "@text/offline.conf-error-origin [\"https://dash.example.org/path\"]"),
                Arguments.of(Map.of("historyFile", "bad\u0000name.db"),
                        "@text/offline.conf-error-history-file [\"bad\u0000name.db\"]"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigurations")
    void aWrongConfigurationIsAConfigurationErrorAndStartsNothing(Map<String, Object> config, String description) {
        long jobsBefore = pendingJobs();
        TestHousehold h = household(config);
        h.handler.initialize();

        verify(h.bridgeCallback).statusUpdated(h.bridge,
                new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, description));
        verify(h.bridgeCallback, never()).statusUpdated(eq(h.bridge),
                eq(new ThingStatusInfo(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, null)));
        assertEquals(jobsBefore, pendingJobs(), "no job was scheduled");
        assertNull(h.registry.current());
    }

    @Test
    void withoutAnyHomeLocationTheBridgeSaysWhereToSetIt() {
        TestHousehold h = household(Map.of());
        h.openHabLocation = null;
        h.handler.initialize();

        verify(h.bridgeCallback).statusUpdated(h.bridge, new ThingStatusInfo(ThingStatus.OFFLINE,
                ThingStatusDetail.CONFIGURATION_ERROR, "@text/offline.conf-error-no-home"));
    }

    @Test
    void theBridgeGoesOnlineWhenOpenHabsLocationIsSetLaterAndFollowsItWhenItMoves() {
        TestHousehold h = household(Map.of());
        h.openHabLocation = null;
        h.handler.initialize();
        awaitStatus(h.bridgeCallback, ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);

        h.openHabLocation = new PointType(new DecimalType(63.4305), new DecimalType(10.3951)); // Regional Settings
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        Household first = h.household();

        h.openHabLocation = new PointType(new DecimalType(59.9139), new DecimalType(10.7522)); // moved
        await("a household at the new home", () -> h.handler.current() != null && h.handler.current() != first);
        assertTrue(first.isClosed(), "the household at the old home is stopped");
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);

        h.openHabLocation = null; // removed again
        awaitStatus(h.bridgeCallback, ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertNull(h.registry.current(), "nothing is served without a home");
    }

    @Test
    void aBridgeWithAHomeOfItsOwnDoesNotWatchOpenHabsLocation() {
        long jobsBefore = pendingJobs();
        TestHousehold h = household(Map.of("homeLatitude", 59.9139, "homeLongitude", 10.7522), Duration.ofHours(1));
        h.handler.initialize();
        assertEquals(jobsBefore + 1, pendingJobs(), "only the build is scheduled");
        h.handler.dispose();
        assertEquals(jobsBefore, pendingJobs());
    }

    @Test
    void aHistoryFileThatCannotBeOpenedTakesTheBridgeOffline() throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        TestHousehold h = household(Map.of("historyFile", file.resolve("history.db").toString()));
        h.handler.initialize();

        awaitStatus(h.bridgeCallback, ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        ThingStatusInfo status = lastStatus(h.bridgeCallback);
        assertNotNull(status);
        assertTrue(String.valueOf(status.getDescription()).startsWith("@text/offline.history-unavailable ["),
                String.valueOf(status.getDescription()));
        assertNull(h.registry.current());
    }

    @Test
    void channelsCarryTheCarsValuesWithTheirUnits() {
        TestHousehold h = household(Map.of());
        FakeCar tesla = fakeTesla(h);
        FakeCar ioniq = new FakeCar("ioniq", "Hyundai Ioniq 5", DataSource.OBD, h.clock, 45.5, 250);
        ioniq.charging = true;
        ioniq.powerKw = 7.4;
        ioniq.location = org.openhab.binding.chargepriority.internal.model.Location.AWAY;
        VehicleServiceFactory both = new VehicleServiceFactory() {
            @Override
            public @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
                return tesla;
            }

            @Override
            public @Nullable VehicleService createIoniq(Car car, IoniqConfiguration configuration) {
                return ioniq;
            }
        };
        VehicleHandler teslaHandler = h.addTesla(realTeslaConfig(), both);
        VehicleHandler ioniqHandler = h.addIoniq(Map.of("mockMode", false, "serialPort", "/dev/rfcomm0"), both);
        h.handler.initialize();

        ThingHandlerCallback t = h.callback(teslaHandler);
        ThingHandlerCallback i = h.callback(ioniqHandler);
        awaitStatus(t, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        awaitStatus(i, ThingStatus.ONLINE, ThingStatusDetail.NONE);

        State level = lastState(t, channel(teslaHandler.getThing(), CHANNEL_BATTERY_LEVEL));
        assertEquals(new QuantityType<>(62, Units.PERCENT), level);
        assertEquals(Units.PERCENT, ((QuantityType<?>) level).getUnit());
        State range = lastState(t, channel(teslaHandler.getThing(), CHANNEL_RANGE));
        assertEquals(new QuantityType<>(300, VehicleChannels.KILOMETRE), range);
        assertEquals("km", ((QuantityType<?>) range).getUnit().toString());
        State power = lastState(i, channel(ioniqHandler.getThing(), CHANNEL_CHARGING_POWER));
        assertEquals(new QuantityType<>(7.4, VehicleChannels.KILOWATT), power);
        assertEquals("kW", ((QuantityType<?>) power).getUnit().toString());
        assertEquals(new QuantityType<>(45.5, Units.PERCENT),
                lastState(i, channel(ioniqHandler.getThing(), CHANNEL_BATTERY_LEVEL)));

        assertEquals(UnDefType.UNDEF, lastState(t, channel(teslaHandler.getThing(), CHANNEL_CHARGING_POWER)),
                "an unknown power is UNDEF, not 0");
        assertEquals(new StringType("59.91390, 10.75220"), lastState(t, channel(teslaHandler.getThing(), CHANNEL_ADDRESS)),
                "without an address the coordinates are shown");
        assertEquals(OnOffType.OFF, lastState(t, channel(teslaHandler.getThing(), CHANNEL_CHARGING)));
        assertEquals(OnOffType.ON, lastState(i, channel(ioniqHandler.getThing(), CHANNEL_CHARGING)));
        assertEquals(new StringType("Stopped"), lastState(t, channel(teslaHandler.getThing(), CHANNEL_CHARGING_STATE)));
        assertEquals(OnOffType.ON, lastState(t, channel(teslaHandler.getThing(), CHANNEL_AT_HOME)));
        assertEquals(OnOffType.OFF, lastState(i, channel(ioniqHandler.getThing(), CHANNEL_AT_HOME)));
        assertEquals(new StringType("fleet-api"), lastState(t, channel(teslaHandler.getThing(), CHANNEL_SOURCE)));
        assertEquals(new StringType("obd"), lastState(i, channel(ioniqHandler.getThing(), CHANNEL_SOURCE)));
        assertEquals(OnOffType.OFF, lastState(t, channel(teslaHandler.getThing(), CHANNEL_SIMULATED)));
        assertNotNull(lastState(t, channel(teslaHandler.getThing(), CHANNEL_POSITION)));

        // 62 % at home, below 80 %: charge; the Ioniq charges away from home and is still below: keep going.
        assertEquals(new StringType("CHARGE"), lastState(t, channel(teslaHandler.getThing(), CHANNEL_ACTION)));
        assertEquals(new StringType("CONTINUE_CHARGING"),
                lastState(i, channel(ioniqHandler.getThing(), CHANNEL_ACTION)));
        assertEquals(new DecimalType(13.5), lastState(t, channel(teslaHandler.getThing(), CHANNEL_PRIORITY_SCORE)));
        State reason = lastState(t, channel(teslaHandler.getThing(), CHANNEL_REASON));
        assertEquals("Tesla Model Y is at 62 %, below the 80 % threshold, and at home", String.valueOf(reason));

        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_THRESHOLD), new QuantityType<>(80, Units.PERCENT));
        State next = lastState(h.bridgeCallback, h.bridgeChannel(CHANNEL_NEXT_UPDATE));
        assertNotNull(next);
        assertNotEquals(UnDefType.UNDEF, next);
        // The charging Ioniq keeps the charger: it is below the threshold and more urgent.
        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_VEHICLE), new StringType("ioniq"));
    }

    @Test
    void reasonsAreNorwegianWhenOpenHabSpeaksNorwegian() {
        TestHousehold h = household(Map.of());
        h.locale = Locale.forLanguageTag("nb-NO");
        VehicleHandler tesla = h.addTesla(realTeslaConfig(), realTesla(fakeTesla(h)));
        h.handler.initialize();

        ThingHandlerCallback t = h.callback(tesla);
        awaitState(t, channel(tesla.getThing(), CHANNEL_REASON),
                new StringType("Tesla Model Y er på 62 %, under grensen på 80 %, og er hjemme"));
        State reason = lastState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_REASON));
        assertTrue(String.valueOf(reason).startsWith("Lad Tesla Model Y først"), String.valueOf(reason));
    }

    @Test
    void aThresholdCommandChangesTheDecisionAndIsSavedInTheConfiguration() {
        TestHousehold h = household(Map.of());
        FakeCar fake = fakeTesla(h);
        VehicleHandler tesla = h.addTesla(realTeslaConfig(), realTesla(fake));
        h.handler.initialize();
        ThingHandlerCallback t = h.callback(tesla);
        awaitState(t, channel(tesla.getThing(), CHANNEL_ACTION), new StringType("CHARGE"));
        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_VEHICLE), new StringType("tesla"));

        h.handler.handleCommand(h.bridgeChannel(CHANNEL_THRESHOLD), new QuantityType<>(60, Units.PERCENT));

        awaitState(t, channel(tesla.getThing(), CHANNEL_ACTION), new StringType("NO_CHARGE"));
        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_VEHICLE), new StringType("NONE"));
        assertEquals(new QuantityType<>(60, Units.PERCENT),
                lastState(h.bridgeCallback, h.bridgeChannel(CHANNEL_THRESHOLD)));
        assertEquals(0, new BigDecimal(60).compareTo((BigDecimal) h.bridgeConfig.get("chargeThreshold")));
        verify(h.bridgeCallback).thingUpdated(h.bridge);
        assertEquals(1, fake.fetches.get(), "a new threshold decides again on the data already read");
    }

    @Test
    void aThresholdCommandSurvivesARestartOfAThingFromAThingsFileUntilTheFileIsEdited() {
        // A .things file gives the same configuration at every start: openHAB does not keep updateConfiguration.
        try (TestHousehold first = new TestHousehold(dir(), Map.of("chargeThreshold", 80))) {
            first.handler.initialize();
            awaitStatus(first.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
            first.handler.handleCommand(first.bridgeChannel(CHANNEL_THRESHOLD), new QuantityType<>(65, Units.PERCENT));
            assertEquals(65, first.household().settings().chargeThreshold());
        }

        try (TestHousehold restarted = new TestHousehold(dir(), Map.of("chargeThreshold", 80))) {
            restarted.handler.initialize();
            awaitStatus(restarted.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
            assertEquals(65, restarted.household().settings().chargeThreshold(), "the change made at run time");
            assertEquals(0, new BigDecimal(65).compareTo((BigDecimal) restarted.bridgeConfig.get("chargeThreshold")),
                    "and the Thing's configuration shows it");
            verify(restarted.bridgeCallback).thingUpdated(restarted.bridge);
        }

        try (TestHousehold edited = new TestHousehold(dir(), Map.of("chargeThreshold", 90))) {
            edited.handler.initialize();
            awaitStatus(edited.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
            assertEquals(90, edited.household().settings().chargeThreshold(), "the user's later edit wins");
        }
        TestHousehold again = household(Map.of("chargeThreshold", 90));
        again.handler.initialize();
        awaitStatus(again.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        assertEquals(90, again.household().settings().chargeThreshold(), "and the old change is forgotten");
        verify(again.bridgeCallback, never()).thingUpdated(any());
    }

    private Path dir() {
        Path d = dir;
        assertNotNull(d);
        return d;
    }

    @Test
    void aThresholdOutsideTheRangeIsRejectedAndTheItemShowsTheOldOneAgain() {
        TestHousehold h = household(Map.of("chargeThreshold", 85));
        h.handler.initialize();
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);

        h.handler.handleCommand(h.bridgeChannel(CHANNEL_THRESHOLD), new QuantityType<>(40, Units.PERCENT));
        assertEquals(new QuantityType<>(85, Units.PERCENT),
                lastState(h.bridgeCallback, h.bridgeChannel(CHANNEL_THRESHOLD)));
        h.handler.handleCommand(h.bridgeChannel(CHANNEL_THRESHOLD), new DecimalType(82.5));
        assertEquals(new QuantityType<>(85, Units.PERCENT),
                lastState(h.bridgeCallback, h.bridgeChannel(CHANNEL_THRESHOLD)));

        assertEquals(85, h.household().settings().chargeThreshold());
        assertEquals(0, new BigDecimal(85).compareTo((BigDecimal) h.bridgeConfig.get("chargeThreshold")));
        verify(h.bridgeCallback, never()).thingUpdated(any());
    }

    @Test
    void theUpdateSwitchReadsTheCarsAndReturnsToOff() {
        TestHousehold h = household(Map.of());
        FakeCar fake = fakeTesla(h);
        VehicleHandler tesla = h.addTesla(realTeslaConfig(), realTesla(fake));
        h.handler.initialize();
        awaitStatus(h.callback(tesla), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        long before = h.household().snapshot().sequence();
        h.clock.advance(Duration.ofMinutes(2));
        fake.batteryPercent = 64;

        h.handler.handleCommand(h.bridgeChannel(CHANNEL_UPDATE), OnOffType.ON);

        verify(h.bridgeCallback, timeout(WAIT.toMillis())).stateUpdated(h.bridgeChannel(CHANNEL_UPDATE),
                OnOffType.OFF);
        assertEquals(2, fake.fetches.get());
        assertTrue(h.household().snapshot().sequence() > before);
        awaitState(h.callback(tesla), channel(tesla.getThing(), CHANNEL_BATTERY_LEVEL),
                new QuantityType<>(64, Units.PERCENT));
    }

    @Test
    void refreshAnswersFromTheLastSnapshotWithoutReadingTheCars() {
        TestHousehold h = household(Map.of());
        FakeCar fake = fakeTesla(h);
        VehicleHandler tesla = h.addTesla(realTeslaConfig(), realTesla(fake));
        h.handler.initialize();
        ThingHandlerCallback t = h.callback(tesla);
        awaitStatus(t, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        Household running = h.household();
        long sequence = running.snapshot().sequence();
        h.clock.advance(Duration.ofMinutes(5)); // a read would now reach the car
        clearInvocations(t, h.bridgeCallback);

        for (String id : VehicleChannels.ALL) {
            tesla.handleCommand(channel(tesla.getThing(), id), RefreshType.REFRESH);
            verify(t).stateUpdated(eq(channel(tesla.getThing(), id)), any());
        }
        for (String id : new String[] { CHANNEL_PRIORITY_VEHICLE, CHANNEL_PRIORITY_REASON, CHANNEL_THRESHOLD,
                CHANNEL_UPDATE, CHANNEL_NEXT_UPDATE }) {
            h.handler.handleCommand(h.bridgeChannel(id), RefreshType.REFRESH);
            verify(h.bridgeCallback).stateUpdated(eq(h.bridgeChannel(id)), any());
        }

        assertEquals(new QuantityType<>(62, Units.PERCENT),
                lastState(t, channel(tesla.getThing(), CHANNEL_BATTERY_LEVEL)));
        assertEquals(1, fake.fetches.get(), "REFRESH never reads the car");
        assertEquals(sequence, running.snapshot().sequence(), "REFRESH makes no new snapshot");
    }

    @Test
    void disposeCancelsEveryJobAndUnregistersTheHousehold() {
        long jobsBefore = pendingJobs();
        TestHousehold h = household(Map.of());
        FakeCar fake = fakeTesla(h);
        h.addTesla(realTeslaConfig(), realTesla(fake));
        h.handler.initialize();
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        await("the first update", () -> fake.fetches.get() == 1);
        Household running = h.household();
        await("the update and cleanup jobs", () -> pendingJobs() >= jobsBefore + 2);

        h.handler.dispose();

        assertEquals(jobsBefore, pendingJobs(), "every job is cancelled");
        assertTrue(running.isClosed());
        assertTrue(fake.closed, "the real source is closed");
        assertNull(h.registry.current());
        assertNull(h.handler.current());
    }

    @Test
    void disposeBeforeTheBuildCancelsTheBuild() {
        long jobsBefore = pendingJobs();
        TestHousehold h = household(Map.of(), Duration.ofHours(1));
        h.handler.initialize();
        assertEquals(jobsBefore + 2, pendingJobs(), "the build and the next look at openHAB's location");

        h.handler.dispose();

        assertEquals(jobsBefore, pendingJobs());
    }

    @Test
    void aCarAddedLaterRebuildsTheHouseholdWithIt() {
        TestHousehold h = household(Map.of());
        h.handler.initialize();
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        Household first = h.household();
        assertTrue(first.slots().isEmpty());

        VehicleHandler ioniq = h.addIoniq(Map.of(), VehicleServiceFactory.MOCK_ONLY);

        awaitStatus(h.callback(ioniq), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        Household second = h.household();
        assertNotSame(first, second);
        await("the first household closed", first::isClosed); // closed just after the new one started
        assertEquals(Simulation.IONIQ, second.slots().get(0).id());
        assertSame(second, h.registry.current());
        assertEquals(OnOffType.ON, lastState(h.callback(ioniq), channel(ioniq.getThing(), CHANNEL_SIMULATED)));
        assertEquals(new StringType("simulation"),
                lastState(h.callback(ioniq), channel(ioniq.getThing(), CHANNEL_SOURCE)));
    }

    @Test
    void aRebuildKeepsTheThresholdChangedAtRunTime() {
        TestHousehold h = household(Map.of());
        h.handler.initialize();
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        h.handler.handleCommand(h.bridgeChannel(CHANNEL_THRESHOLD), new QuantityType<>(90, Units.PERCENT));
        Household first = h.household();

        VehicleHandler ioniq = h.addIoniq(Map.of(), VehicleServiceFactory.MOCK_ONLY);

        awaitStatus(h.callback(ioniq), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        assertNotSame(first, h.household());
        assertEquals(90, h.household().settings().chargeThreshold());
    }

    @Test
    void aMockModeChangedThroughTheApiIsSavedInTheCarsConfiguration() {
        TestHousehold h = household(Map.of());
        FakeCar fake = fakeTesla(h);
        VehicleHandler tesla = h.addTesla(realTeslaConfig(), realTesla(fake));
        h.handler.initialize();
        awaitStatus(h.callback(tesla), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        Household running = h.household();

        running.setMockMode(Simulation.TESLA, true);

        assertEquals(Boolean.TRUE, tesla.getThing().getConfiguration().get("mockMode"));
        verify(h.callback(tesla)).thingUpdated(tesla.getThing());
        awaitState(h.callback(tesla), channel(tesla.getThing(), CHANNEL_SIMULATED), OnOffType.ON);
        assertSame(running, h.household(), "the household is not rebuilt for it");
        VehicleSetup setup = tesla.setup();
        assertNotNull(setup);
        assertTrue(setup.mockMode());
    }
}
