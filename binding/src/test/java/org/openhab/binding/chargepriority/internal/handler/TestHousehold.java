package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.web.HouseholdRegistry;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.thing.binding.ThingHandlerCallback;
import org.openhab.core.types.State;

/**
 * A household bridge with its car Things as openHAB would run them: Mockito Things and callbacks, the real handlers,
 * a real {@link Household} on the handler's real scheduler, a real history database under a temporary folder, and a
 * clock the test moves.
 */
@NonNullByDefault
final class TestHousehold implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** How often the bridge looks at openHAB's location in these tests (10 s in openHAB). */
    static final Duration LOCATION_CHECK = Duration.ofMillis(50);
    /** The pool every handler created from here on schedules on (see {@link CountedHandlerPool}). */
    static final ScheduledThreadPoolExecutor HANDLER_POOL = CountedHandlerPool.install();
    static final ThingUID BRIDGE_UID = new ThingUID(THING_TYPE_HOUSEHOLD, "home");
    /** Sunday 04:00 in Oslo: both simulated cars are parked at home. */
    static final Instant START = Instant.parse("2025-01-05T03:00:00Z");

    final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    final HouseholdRegistry registry = new HouseholdRegistry();
    final Bridge bridge = mock(Bridge.class);
    final Configuration bridgeConfig;
    final ThingHandlerCallback bridgeCallback = mock(ThingHandlerCallback.class);
    final HouseholdBridgeHandler handler;
    volatile @Nullable PointType openHabLocation = new PointType(new DecimalType(59.9139), new DecimalType(10.7522));
    volatile Locale locale = Locale.ENGLISH;
    private final List<VehicleHandler> vehicles = new ArrayList<>();
    private final Map<VehicleHandler, ThingHandlerCallback> callbacks = new HashMap<>();

    TestHousehold(Path dir, Map<String, Object> config) {
        this(dir, config, Duration.ZERO);
    }

    TestHousehold(Path dir, Map<String, Object> config, Duration settleDelay) {
        Map<String, Object> withFile = new HashMap<>(config);
        withFile.putIfAbsent("historyFile", dir.resolve("history.db").toString());
        withFile.putIfAbsent("reverseGeocoding", false); // tests never reach the public Nominatim
        bridgeConfig = new Configuration(withFile);
        when(bridge.getUID()).thenReturn(BRIDGE_UID);
        when(bridge.getThingTypeUID()).thenReturn(THING_TYPE_HOUSEHOLD);
        when(bridge.getConfiguration()).thenReturn(bridgeConfig);
        when(bridge.getStatus()).thenReturn(ThingStatus.ONLINE);
        handler = new HouseholdBridgeHandler(bridge, registry, () -> openHabLocation, () -> locale, () -> clock,
                settleDelay, LOCATION_CHECK);
        when(bridge.getHandler()).thenReturn(handler);
        when(bridgeCallback.getBridge(BRIDGE_UID)).thenReturn(bridge);
        handler.setCallback(bridgeCallback);
    }

    /** Creates and initializes a car Thing; tells the bridge as openHAB does (after the car's initialize). */
    VehicleHandler addCar(ThingTypeUID type, String id, Map<String, Object> config, VehicleServiceFactory services) {
        Thing thing = mock(Thing.class);
        ThingUID uid = new ThingUID(type, BRIDGE_UID, id);
        when(thing.getUID()).thenReturn(uid);
        when(thing.getThingTypeUID()).thenReturn(type);
        when(thing.getBridgeUID()).thenReturn(BRIDGE_UID);
        when(thing.getConfiguration()).thenReturn(new Configuration(config));
        when(thing.getLabel()).thenReturn(id);
        VehicleHandler car = THING_TYPE_TESLA.equals(type) ? new TeslaHandler(thing, services)
                : THING_TYPE_VEHICLE.equals(type) ? new GenericVehicleHandler(thing, () -> clock)
                        : new IoniqHandler(thing, services);
        ThingHandlerCallback callback = mock(ThingHandlerCallback.class);
        when(callback.getBridge(BRIDGE_UID)).thenReturn(bridge);
        car.setCallback(callback);
        callbacks.put(car, callback);
        vehicles.add(car);
        car.initialize();
        handler.childHandlerInitialized(car, thing);
        return car;
    }

    VehicleHandler addTesla(Map<String, Object> config, VehicleServiceFactory services) {
        return addCar(THING_TYPE_TESLA, "tesla", config, services);
    }

    VehicleHandler addIoniq(Map<String, Object> config, VehicleServiceFactory services) {
        return addCar(THING_TYPE_IONIQ, "ioniq", config, services);
    }

    ThingHandlerCallback callback(VehicleHandler car) {
        ThingHandlerCallback c = callbacks.get(car);
        if (c == null) {
            throw new IllegalArgumentException("not a car of this household");
        }
        return c;
    }

    Household household() {
        Household h = handler.current();
        if (h == null) {
            throw new AssertionError("no household is running");
        }
        return h;
    }

    static ChannelUID channel(Thing thing, String groupAndId) {
        String[] parts = groupAndId.split("#");
        return new ChannelUID(thing.getUID(), parts[0], parts[1]);
    }

    ChannelUID bridgeChannel(String groupAndId) {
        return channel(bridge, groupAndId);
    }

    /** The last state the handler gave the channel, or null when it gave none. */
    static @Nullable State lastState(ThingHandlerCallback callback, ChannelUID channel) {
        State last = null;
        for (Invocation i : Mockito.mockingDetails(callback).getInvocations()) {
            if ("stateUpdated".equals(i.getMethod().getName()) && channel.equals(i.getArgument(0))) {
                last = i.getArgument(1);
            }
        }
        return last;
    }

    /** The last status the handler gave its Thing, or null when it gave none. */
    static @Nullable ThingStatusInfo lastStatus(ThingHandlerCallback callback) {
        ThingStatusInfo last = null;
        for (Invocation i : Mockito.mockingDetails(callback).getInvocations()) {
            if ("statusUpdated".equals(i.getMethod().getName())) {
                last = i.getArgument(1);
            }
        }
        return last;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static void awaitStatus(ThingHandlerCallback callback, ThingStatus status, ThingStatusDetail detail) {
        await("status " + status + "/" + detail, () -> {
            ThingStatusInfo s = lastStatus(callback);
            return s != null && s.getStatus() == status && s.getStatusDetail() == detail;
        });
    }

    static void awaitState(ThingHandlerCallback callback, ChannelUID channel, State state) {
        await(channel + " = " + state, () -> state.equals(lastState(callback, channel)));
    }

    /** Jobs waiting in the "thingHandler" pool that have not run and are not cancelled. */
    static long pendingJobs() {
        return HANDLER_POOL.getQueue().stream().filter(r -> !(r instanceof Future<?> f && f.isDone())).count();
    }

    @Override
    public void close() {
        handler.dispose();
        for (VehicleHandler car : vehicles) {
            car.dispose();
            handler.childHandlerDisposed(car, car.getThing());
        }
    }
}
