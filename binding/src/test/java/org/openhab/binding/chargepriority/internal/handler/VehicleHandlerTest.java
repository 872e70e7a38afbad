package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.TestHousehold.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.testutil.FakeCar;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * The car Things under the household bridge: configuration, status, and how they follow the bridge.
 */
@NonNullByDefault
class VehicleHandlerTest {

    @TempDir
    @Nullable
    Path dir;
    private @Nullable TestHousehold household;

    private TestHousehold household() {
        Path d = dir;
        assertNotNull(d);
        TestHousehold h = new TestHousehold(d, Map.of());
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

    private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static final Map<String, Object> REAL_TESLA = Map.of("mockMode", false, "clientId", "client",
            "clientSecret", "secret", "vin", "XP7YGCEK5PB000001");

    private static ThingStatusInfo configurationError(String description) {
        return new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, description);
    }

    static Stream<Arguments> invalidTeslaConfigurations() {
        return Stream.of(Arguments.of(Map.of("region", "US"), "@text/offline.conf-error-region [\"US\"]"),
                Arguments.of(Map.of("vin", "5YJ3E1EA1JF00000I"),
                        "@text/offline.conf-error-vin [\"5YJ3E1EA1JF00000I\"]"),
                Arguments.of(Map.of("authorizeHost", "auth.tesla.com"),
                        "@text/offline.conf-error-address [\"authorizeHost\", \"auth.tesla.com\"]"),
                Arguments.of(Map.of("tokenHost", "https://auth.example/oauth2/v3/token"),
                        "@text/offline.conf-error-address [\"tokenHost\", \"https://auth.example/oauth2/v3/token\"]"),
                Arguments.of(Map.of("apiHost", "ftp://fleet-api.example"),
                        "@text/offline.conf-error-address [\"apiHost\", \"ftp://fleet-api.example\"]"),
                Arguments.of(Map.of("mockMode", false), "@text/offline.conf-error-required [\"clientId\"]"),
                Arguments.of(Map.of("mockMode", false, "clientId", "client"),
                        "@text/offline.conf-error-required [\"clientSecret\"]"),
                Arguments.of(Map.of("mockMode", false, "clientId", "client", "clientSecret", "secret"),
                        "@text/offline.conf-error-required [\"vin\"]"));
    }

    @ParameterizedTest
    @MethodSource("invalidTeslaConfigurations")
    void aWrongTeslaConfigurationIsAConfigurationError(Map<String, Object> config, String description) {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(config, VehicleServiceFactory.MOCK_ONLY);

        verify(h.callback(tesla)).statusUpdated(tesla.getThing(), configurationError(description));
        assertNull(tesla.setup(), "the bridge is given nothing");
    }

    static Stream<Arguments> invalidIoniqConfigurations() {
        return Stream.of(Arguments.of(Map.of("mockMode", false), "@text/offline.conf-error-required [\"serialPort\"]"),
                Arguments.of(Map.of("baudRate", 300),
                        "@text/offline.conf-error-range [\"baudRate\", \"9600\", \"921600\", \"300\"]"),
                Arguments.of(Map.of("batteryCapacity", 10),
                        "@text/offline.conf-error-range [\"batteryCapacity\", \"20\", \"150\", \"10\"]"),
                Arguments.of(Map.of("consumption", 60),
                        "@text/offline.conf-error-range [\"consumption\", \"5\", \"50\", \"60\"]"),
                Arguments.of(Map.of("probeInterval", 0),
                        "@text/offline.conf-error-range [\"probeInterval\", \"1\", \"60\", \"0\"]"),
                Arguments.of(Map.of("lowVoltage", 9.5),
                        "@text/offline.conf-error-range [\"lowVoltage\", \"11\", \"13.5\", \"9.5\"]"));
    }

    @ParameterizedTest
    @MethodSource("invalidIoniqConfigurations")
    void aWrongIoniqConfigurationIsAConfigurationError(Map<String, Object> config, String description) {
        TestHousehold h = household();
        VehicleHandler ioniq = h.addIoniq(config, VehicleServiceFactory.MOCK_ONLY);

        verify(h.callback(ioniq)).statusUpdated(ioniq.getThing(), configurationError(description));
        assertNull(ioniq.setup());
    }

    @Test
    void inMockModeNoConnectionIsNeeded() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler ioniq = h.addIoniq(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        verify(h.callback(tesla)).statusUpdated(tesla.getThing(),
                new ThingStatusInfo(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, null));

        h.handler.initialize();

        awaitStatus(h.callback(tesla), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        awaitStatus(h.callback(ioniq), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        assertEquals(2, h.household().slots().size());
    }

    @Test
    void aCarWithoutBridgeSaysSo() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        ThingHandlerCallback orphan = mock(ThingHandlerCallback.class);
        tesla.setCallback(orphan);

        tesla.initialize();

        verify(orphan).statusUpdated(tesla.getThing(), configurationError("@text/offline.conf-error-no-bridge"));
    }

    @Test
    void aRealCarThisBuildCannotReadIsAConfigurationErrorAndLeftOut() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(REAL_TESLA, VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler ioniq = h.addIoniq(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        h.handler.initialize();

        awaitStatus(h.callback(ioniq), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        awaitStatus(h.callback(tesla), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertEquals(configurationError("@text/offline.conf-error-no-real-source"), lastStatus(h.callback(tesla)));
        assertEquals(1, h.household().slots().size(), "no simulated Tesla poses as the real one");
        assertEquals(Simulation.IONIQ, h.household().slots().get(0).id());
    }

    @Test
    void aConnectionTheServiceRejectsIsAConfigurationError() {
        TestHousehold h = household();
        VehicleServiceFactory rejecting = new VehicleServiceFactory() {
            @Override
            public @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
                throw new IllegalArgumentException("no token yet: authorize at /chargepriority/auth/tesla");
            }
        };
        VehicleHandler tesla = h.addTesla(REAL_TESLA, rejecting);
        h.handler.initialize();

        awaitStatus(h.callback(tesla), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertEquals(configurationError(
                "@text/offline.conf-error-real-source [\"no token yet: authorize at /chargepriority/auth/tesla\"]"),
                lastStatus(h.callback(tesla)));
    }

    @Test
    void aSecondTeslaIsASecondCarButASecondThingWithTheSameIdIsRejected() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler second = h.addCar(THING_TYPE_TESLA, "tesla2", Map.of(), VehicleServiceFactory.MOCK_ONLY);
        h.handler.initialize();

        awaitStatus(h.callback(tesla), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        awaitStatus(h.callback(second), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        assertEquals(List.of("tesla", "tesla2"), h.household().slots().stream().map(s -> s.id()).toList());
        assertEquals(List.of(VehicleKind.TESLA, VehicleKind.TESLA),
                h.household().slots().stream().map(s -> s.kind()).toList());

        // Another kind of Thing with the same id would be the same car in the household.
        VehicleHandler sameId = h.addCar(THING_TYPE_VEHICLE, "tesla2", Map.of(), VehicleServiceFactory.MOCK_ONLY);
        assertEquals(configurationError("@text/offline.conf-error-duplicate [\"tesla2\"]"),
                lastStatus(h.callback(sameId)));
    }

    @Test
    void carsFollowTheirBridgeOfflineAndBack() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(Map.of(), VehicleServiceFactory.MOCK_ONLY);
        h.handler.initialize();
        ThingHandlerCallback t = h.callback(tesla);
        awaitStatus(t, ThingStatus.ONLINE, ThingStatusDetail.NONE);

        tesla.bridgeStatusChanged(
                new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, "history"));
        assertEquals(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE, null), lastStatus(t));

        tesla.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));
        assertEquals(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null), lastStatus(t));
    }

    @Test
    void aCarInitializedUnderAnOfflineBridgeIsBridgeOffline() {
        TestHousehold h = household();
        when(h.bridge.getStatus()).thenReturn(ThingStatus.OFFLINE);

        VehicleHandler ioniq = h.addIoniq(Map.of(), VehicleServiceFactory.MOCK_ONLY);

        assertEquals(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE, null),
                lastStatus(h.callback(ioniq)));
    }

    @Test
    void aConfigurationErrorStaysWhenTheBridgeComesOnline() {
        TestHousehold h = household();
        VehicleHandler tesla = h.addTesla(Map.of("region", "US"), VehicleServiceFactory.MOCK_ONLY);

        tesla.bridgeStatusChanged(new ThingStatusInfo(ThingStatus.ONLINE, ThingStatusDetail.NONE, null));

        assertEquals(configurationError("@text/offline.conf-error-region [\"US\"]"), lastStatus(h.callback(tesla)));
    }

    @Test
    void aCarThatCannotBeReadIsOfflineAndKeepsItsLastValues() {
        TestHousehold h = household();
        FakeCar fake = new FakeCar("tesla", "Tesla Model Y", DataSource.FLEET_API, h.clock, 62, 300);
        VehicleHandler tesla = h.addTesla(REAL_TESLA, new VehicleServiceFactory() {
            @Override
            public @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
                return fake;
            }
        });
        h.handler.initialize();
        ThingHandlerCallback t = h.callback(tesla);
        awaitStatus(t, ThingStatus.ONLINE, ThingStatusDetail.NONE);

        fake.failure = new VehicleException(VehicleException.Kind.COMMUNICATION, "Fleet API answered 503");
        h.clock.advance(Duration.ofMinutes(2));
        readAgain(h, fake, 2);

        awaitStatus(t, ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR);
        assertEquals(new ThingStatusInfo(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                "Fleet API answered 503"), lastStatus(t));
        State level = lastState(t, channel(tesla.getThing(), CHANNEL_BATTERY_LEVEL));
        assertEquals(new QuantityType<>(62, Units.PERCENT), level, "the last good value stays");
        assertNotEquals(UnDefType.UNDEF, lastState(t, channel(tesla.getThing(), CHANNEL_RANGE)));

        fake.failure = null;
        h.clock.advance(Duration.ofMinutes(2));
        readAgain(h, fake, 3);
        awaitStatus(t, ThingStatus.ONLINE, ThingStatusDetail.NONE);
    }

    /**
     * Asks for updates until the car has been read {@code reads} times: Household.requestUpdate() may hand back the
     * future of an update that has just finished (it completes the future before it forgets it).
     */
    private static void readAgain(TestHousehold h, FakeCar fake, int reads) {
        await("read number " + reads, () -> {
            h.household().requestUpdate().join();
            return fake.fetches.get() >= reads;
        });
    }

    @Test
    void aLostLoginIsAConfigurationError() {
        TestHousehold h = household();
        FakeCar fake = new FakeCar("tesla", "Tesla Model Y", DataSource.FLEET_API, h.clock, 62, 300);
        fake.failure = new VehicleException(VehicleException.Kind.AUTHENTICATION,
                "Tesla login expired: authorize again");
        VehicleHandler tesla = h.addTesla(with(REAL_TESLA), new VehicleServiceFactory() {
            @Override
            public @Nullable VehicleService createTesla(Car car, TeslaConfiguration configuration) {
                return fake;
            }
        });
        h.handler.initialize();

        awaitStatus(h.callback(tesla), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertEquals("Tesla login expired: authorize again", lastStatus(h.callback(tesla)).getDescription());
        assertNull(lastState(h.callback(tesla), channel(tesla.getThing(), CHANNEL_BATTERY_LEVEL)),
                "a car never read shows nothing made up");
    }
}
