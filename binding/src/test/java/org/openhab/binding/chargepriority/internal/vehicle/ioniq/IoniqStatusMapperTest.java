package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * What the household sees of a BMS reading.
 */
@NonNullByDefault
class IoniqStatusMapperTest {

    private static final Instant READ_AT = Instant.parse("2026-05-01T08:00:00Z");

    private final IoniqStatusMapper mapper = new IoniqStatusMapper("Hyundai Ioniq 5", 74.0, 18.0);

    @Test
    void awakeCarShowsDisplayedStateOfChargeAndEstimatedRange() throws ElmException {
        VehicleStatus status = mapper.toStatus(battery("220101-idle.txt"), health("220105-idle.txt"), READ_AT);

        assertEquals(54.5, status.batteryPercent());
        // 54.5 % × 74 kWh ÷ 18 kWh/100 km
        assertEquals(224.1, status.rangeKm());
        assertTrue(status.rangeEstimated());
        assertFalse(status.charging());
        assertEquals(0.0, status.chargingPowerKw());
        assertNull(status.pluggedIn());
        assertEquals("NotCharging", status.chargingState());
        assertEquals(Location.HOME, status.location());
        assertEquals(DataSource.OBD, status.source());
        assertFalse(status.mock());
        assertFalse(status.stale());
        assertEquals(READ_AT, status.lastUpdated());
        assertEquals("Hyundai Ioniq 5", status.vehicleName());
        assertFalse(status.hasPosition());
    }

    @Test
    void chargingCarShowsChargingPower() throws ElmException {
        VehicleStatus status = mapper.toStatus(battery("220101-ac-charging.txt"), health("220105-ac-charging.txt"),
                READ_AT);

        assertTrue(status.charging());
        assertEquals(10.98, status.chargingPowerKw());
        assertEquals(Boolean.TRUE, status.pluggedIn());
        assertEquals("Charging", status.chargingState());
        assertEquals(45.5, status.batteryPercent());
    }

    @Test
    void recuperatingCarIsDriving() throws ElmException {
        VehicleStatus status = mapper.toStatus(battery("220101-regen.txt"), null, READ_AT);

        assertFalse(status.charging());
        assertEquals("Driving", status.chargingState());
    }

    @Test
    void withoutHealthReplyTheBmsStateOfChargeIsUsed() throws ElmException {
        VehicleStatus status = mapper.toStatus(battery("220101-idle.txt"), null, READ_AT);

        assertEquals(55.0, status.batteryPercent());
        assertEquals(226.1, status.rangeKm());
    }

    @Test
    void spuriousZeroDisplayedStateOfChargeIsIgnored() throws ElmException {
        VehicleStatus status = mapper.toStatus(battery("220101-idle.txt"), new BmsHealthData(95.0, 0.0), READ_AT);

        assertEquals(55.0, status.batteryPercent());
    }

    @Test
    void rangeFollowsConfiguredCapacityAndConsumption() {
        IoniqStatusMapper smallPack = new IoniqStatusMapper("Ioniq 5 58", 56.0, 20.0);

        assertEquals(140.0, smallPack.estimateRangeKm(50.0));
        assertEquals(0.0, smallPack.estimateRangeKm(0.0));
    }

    private static BmsBatteryData battery(String fixture) throws ElmException {
        return BmsDecoder.decodeBattery(ElmFixtures.message(fixture));
    }

    private static BmsHealthData health(String fixture) throws ElmException {
        return BmsDecoder.decodeHealth(ElmFixtures.message(fixture));
    }
}
