package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.TestHousehold.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.core.library.types.DateTimeType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;
import org.openhab.core.types.UnDefType;

/**
 * The night plan on openHAB's channels, with the real handlers and a mocked framework: departures from the Thing
 * configuration, {@code priority#charge-now}, the bridge's {@code plan#*}, each car's {@code plan#*} and the schedule
 * sent as a time series. The clock is a Sunday, 04:00 in Oslo.
 */
class PlanChannelsHandlerTest {

    @TempDir
    @Nullable
    Path dir;
    @Nullable
    TestHousehold household;

    @AfterEach
    void tearDown() {
        TestHousehold h = household;
        if (h != null) {
            h.close();
        }
    }

    private TestHousehold start() {
        Path d = dir;
        assertNotNull(d);
        TestHousehold h = new TestHousehold(d, Map.of("chargerPower", new BigDecimal("7.4")));
        household = h;
        h.handler.initialize();
        return h;
    }

    @Test
    void aDepartureInTheThingConfigurationPlansTheNightOnTheChannels() {
        TestHousehold h = start();
        VehicleHandler tesla = h.addTesla(Map.of("mockMode", true, "departures", "Mon-Fri 07:30", "targetCharge",
                new BigDecimal(90)), VehicleServiceFactory.MOCK_ONLY);
        VehicleHandler ioniq = h.addIoniq(Map.of("mockMode", true), VehicleServiceFactory.MOCK_ONLY);
        try {
            awaitStatus(h.bridgeCallback, ThingStatus.ONLINE, ThingStatusDetail.NONE);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + lastStatus(h.bridgeCallback), e);
        }
        awaitStatus(h.callback(tesla), ThingStatus.ONLINE, ThingStatusDetail.NONE);
        await("the plan decides", () -> h.household().snapshot().planActive());

        DepartureSchedule d = h.household().departure("tesla");
        assertEquals("Mon-Fri 07:30", DepartureSchedule.formatTimes(d.times()));
        assertEquals(90, d.targetPercent());

        ChannelUID chargeNow = channel(h.bridge, CHANNEL_CHARGE_NOW);
        await("charge-now is set", () -> lastState(h.bridgeCallback, chargeNow) instanceof OnOffType);
        assertEquals(OnOffType.from(h.household().snapshot().chargeNow()), lastState(h.bridgeCallback, chargeNow));
        ChannelUID messageChannel = channel(h.bridge, CHANNEL_PLAN_MESSAGE);
        await("the plan's sentence", () -> new StringType(h.household().snapshot().plan().message())
                .equals(lastState(h.bridgeCallback, messageChannel)));
        assertTrue(lastState(h.bridgeCallback, messageChannel).toString().contains("Tesla Model Y"));
        assertEquals(UnDefType.UNDEF, lastState(h.bridgeCallback, channel(h.bridge, CHANNEL_PLAN_COST)),
                "no prices: no cost");

        ChannelUID expected = TestHousehold.channel(carThing(h, tesla), CHANNEL_PLAN_EXPECTED_CHARGE);
        ChannelUID start = TestHousehold.channel(carThing(h, tesla), CHANNEL_PLAN_START);
        ChannelUID exp = expected;
        await("the Tesla's expected charge", () -> lastState(h.callback(tesla), exp) instanceof QuantityType);
        assertEquals(90, ((QuantityType<?>) lastState(h.callback(tesla), exp)).intValue(),
                "a day and a night are enough to reach 90 %");
        assertInstanceOf(DateTimeType.class, lastState(h.callback(tesla), start));
        ChannelUID ioniqExpected = TestHousehold.channel(carThing(h, ioniq), CHANNEL_PLAN_EXPECTED_CHARGE);
        try {
            await("a car without departure is planned too, to the end of the horizon",
                    () -> lastState(h.callback(ioniq), ioniqExpected) instanceof QuantityType);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + lastState(h.callback(ioniq), ioniqExpected) + " plan "
                    + h.household().snapshot().plan() + " status " + lastStatus(h.callback(ioniq)), e);
        }

        ArgumentCaptor<TimeSeries> series = ArgumentCaptor.forClass(TimeSeries.class);
        verify(h.bridgeCallback, timeout(WAIT.toMillis()).atLeastOnce())
                .sendTimeSeries(eq(channel(h.bridge, CHANNEL_PLAN_SCHEDULE)), series.capture());
        TimeSeries sent = series.getValue();
        assertEquals(TimeSeries.Policy.REPLACE, sent.getPolicy());
        List<TimeSeries.Entry> entries = sent.getStates().toList();
        assertTrue(entries.size() > 2);
        double maxKw = entries.stream().mapToDouble(e -> ((QuantityType<?>) e.state()).doubleValue()).max()
                .orElse(0);
        assertTrue(maxKw > 7 && maxKw <= 7.4 / 0.9 + 0.1, "planned at the charger's 7.4 kW, from the grid: " + maxKw);
        assertEquals(0, ((QuantityType<?>) entries.get(entries.size() - 1).state()).doubleValue(), 1e-9,
                "the series ends with the charger off");
        assertEquals(ZonedDateTime.of(2025, 1, 6, 7, 30, 0, 0, ZoneId.of("Europe/Oslo")).toInstant(),
                h.household().snapshot().plan().plan().car("tesla").orElseThrow().departure());
    }

    @Test
    void unreadableDeparturesAreAConfigurationError() {
        TestHousehold h = start();
        VehicleHandler tesla = h.addTesla(Map.of("mockMode", true, "departures", "Someday 07:30"),
                VehicleServiceFactory.MOCK_ONLY);
        awaitStatus(h.callback(tesla), ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR);
        assertTrue(lastStatus(h.callback(tesla)).getDescription().contains("Someday"),
                lastStatus(h.callback(tesla)).getDescription());
        verify(h.callback(tesla), never()).stateUpdated(any(), any());
    }

    private static org.openhab.core.thing.Thing carThing(TestHousehold h, VehicleHandler car) {
        return car.getThing();
    }
}
