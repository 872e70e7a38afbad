package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Defaults and the checks of the configuration.
 */
@NonNullByDefault
class IoniqObdConfigTest {

    @Test
    void defaultsProtectThe12VoltBattery() {
        IoniqObdConfig config = IoniqObdConfig.builder("/dev/rfcomm0").build();

        assertEquals(38400, config.baudRate());
        assertEquals("Hyundai Ioniq 5", config.vehicleName());
        assertEquals(74.0, config.usableCapacityKwh());
        assertEquals(18.0, config.consumptionKwhPer100Km());
        assertEquals(Duration.ofMinutes(10), config.probeInterval());
        assertEquals(12.2, config.lowVoltageLimit());
        assertEquals(13.0, config.awakeVoltage());
        assertEquals(Duration.ofMillis(600), config.canTimeout());
    }

    @Test
    void missingPortIsRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoniqObdConfig.builder(" ").build());
        assertTrue(e.getMessage().contains("/dev/rfcomm0"), e.getMessage());
    }

    @Test
    void probingMoreThanOnceAMinuteIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoniqObdConfig.builder("/dev/rfcomm0").probeInterval(Duration.ofSeconds(20)).build());
        assertTrue(e.getMessage().startsWith("probeInterval"), e.getMessage());
    }

    @Test
    void lowVoltageLimitMustBeBelowTheAwakeVoltage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoniqObdConfig.builder("/dev/rfcomm0").lowVoltageLimit(13.2).build());
        assertTrue(e.getMessage().startsWith("lowVoltageLimit"), e.getMessage());
    }

    @Test
    void impossibleConsumptionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoniqObdConfig.builder("/dev/rfcomm0").consumptionKwhPer100Km(0).build());
        assertTrue(e.getMessage().startsWith("consumptionKwhPer100Km"), e.getMessage());
    }
}
