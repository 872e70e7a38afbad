package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.TestHousehold.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.binding.ThingHandlerCallback;

/**
 * The {@code vehicle} Thing: a car whose values come from openHAB items (commands on its input channels, as the
 * {@code follow} profile sends them) takes part in the household's decision under its Thing's id.
 */
@NonNullByDefault
class GenericVehicleHandlerTest {

    @TempDir
    @Nullable
    Path dir;

    private @Nullable TestHousehold household;

    @AfterEach
    void tearDown() {
        TestHousehold h = household;
        if (h != null) {
            h.close();
        }
    }

    private TestHousehold household() {
        Path d = dir;
        assertNotNull(d);
        TestHousehold h = new TestHousehold(d, Map.of("homeLatitude", 59.9139, "homeLongitude", 10.7522));
        household = h;
        return h;
    }

    @Test
    void aCarFedByItemsIsChargedUnderItsThingsIdAndGoesStaleWhenItsValuesStop() {
        TestHousehold h = household();
        VehicleHandler bmw = h.addCar(THING_TYPE_VEHICLE, "bmw", Map.of("name", "BMW i4", "maxAge", 30),
                VehicleServiceFactory.MOCK_ONLY);
        h.handler.initialize();
        ThingHandlerCallback c = h.callback(bmw);
        awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        awaitStatus(c, ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR); // nothing given yet

        bmw.handleCommand(channel(bmw.getThing(), CHANNEL_BATTERY_LEVEL), new DecimalType(35));
        bmw.handleCommand(channel(bmw.getThing(), CHANNEL_POSITION),
                new PointType(new DecimalType(59.9140), new DecimalType(10.7523))); // in the driveway

        awaitState(h.bridgeCallback, h.bridgeChannel(CHANNEL_PRIORITY_VEHICLE), new StringType("bmw"));
        awaitState(c, channel(bmw.getThing(), CHANNEL_ACTION), new StringType("CHARGE"));
        awaitState(c, channel(bmw.getThing(), CHANNEL_AT_HOME), OnOffType.ON);
        awaitStatus(c, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        // 35 % of 60 kWh at 18 kWh/100 km, estimated
        assertEquals(new QuantityType<>(116.7, VehicleChannels.KILOMETRE),
                lastState(c, channel(bmw.getThing(), CHANNEL_RANGE)));
        assertEquals("BMW i4", view(h).name());

        // A quantity in another unit is converted; a value out of range is refused and changes nothing.
        bmw.handleCommand(channel(bmw.getThing(), CHANNEL_BATTERY_LEVEL), new QuantityType<>(0.85, Units.ONE));
        bmw.handleCommand(channel(bmw.getThing(), CHANNEL_BATTERY_LEVEL), new DecimalType(140));
        awaitState(c, channel(bmw.getThing(), CHANNEL_ACTION), new StringType("NO_CHARGE"));
        assertEquals(85.0, view(h).status().batteryPercent(), 1e-9);

        h.clock.advance(Duration.ofMinutes(31));
        h.household().requestFreshUpdate().join(); // not one that began before the clock moved
        assertTrue(view(h).status().stale(), "no value for longer than maxAge");
    }

    private static VehicleView view(TestHousehold h) {
        VehicleView v = h.household().snapshot().vehicle("bmw");
        assertNotNull(v);
        assertNotNull(v.status());
        return v;
    }
}
