package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Decoding of the BMS replies, on the worked example of vehicle-apis.md §2.4/§2.5 and further frames.
 */
@NonNullByDefault
class BmsDecoderTest {

    private static final double EXACT = 1e-9;

    @Test
    void workedExampleGivesTheReferenceValues() throws ElmException {
        BmsBatteryData battery = BmsDecoder.decodeBattery(ElmFixtures.message("220101-idle.txt"));

        assertEquals(55.0, battery.socPercent(), EXACT);
        assertEquals(712.0, battery.packVoltageV(), EXACT);
        assertEquals(8.9, battery.packCurrentA(), EXACT);
        assertEquals(14.1, battery.auxVoltageV(), EXACT);
        assertEquals(6.3368, battery.powerKw(), 1e-6);
        assertEquals(12345.6, battery.cumulativeChargedKwh(), EXACT);
        assertEquals(11876.5, battery.cumulativeDischargedKwh(), EXACT);
    }

    @Test
    void workedExampleCarDrawsCurrentAndIsNotCharging() throws ElmException {
        BmsBatteryData battery = BmsDecoder.decodeBattery(ElmFixtures.message("220101-idle.txt"));

        assertTrue(battery.atStandstill());
        assertFalse(battery.charging());
        assertTrue(battery.bmsIgnitionOn());
    }

    @Test
    void workedExampleHealthAndDisplayedStateOfCharge() throws ElmException {
        BmsHealthData health = BmsDecoder.decodeHealth(ElmFixtures.message("220105-idle.txt"));

        assertEquals(95.0, health.stateOfHealthPercent(), EXACT);
        assertEquals(54.5, health.displaySocPercent(), EXACT);
    }

    @Test
    void negativeCurrentAtStandstillIsCharging() throws ElmException {
        BmsBatteryData battery = BmsDecoder.decodeBattery(ElmFixtures.message("220101-ac-charging.txt"));

        assertEquals(-15.8, battery.packCurrentA(), EXACT);
        assertEquals(695.2, battery.packVoltageV(), EXACT);
        assertEquals(-10.98416, battery.powerKw(), 1e-6);
        assertEquals(45.0, battery.socPercent(), EXACT);
        assertEquals(14.3, battery.auxVoltageV(), EXACT);
        assertTrue(battery.charging());
        assertTrue(battery.bmsRelayOn());
        assertFalse(battery.bmsIgnitionOn());
    }

    @Test
    void recuperationWhileDrivingIsNotCharging() throws ElmException {
        BmsBatteryData battery = BmsDecoder.decodeBattery(ElmFixtures.message("220101-regen.txt"));

        assertEquals(-50.0, battery.packCurrentA(), EXACT);
        assertEquals(3000, battery.motor1Rpm());
        assertFalse(battery.atStandstill());
        assertFalse(battery.charging());
    }

    @Test
    void replyToTheOtherRequestIsRejected() throws ElmException {
        byte[] healthReply = ElmFixtures.message("220105-idle.txt");

        ElmException e = assertThrows(ElmException.class, () -> BmsDecoder.decodeBattery(healthReply));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void truncatedReplyIsRejected() throws ElmException {
        byte[] truncated = Arrays.copyOf(ElmFixtures.message("220101-idle.txt"), 40);

        ElmException e = assertThrows(ElmException.class, () -> BmsDecoder.decodeBattery(truncated));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void impossibleStateOfChargeIsRejected() throws ElmException {
        byte[] message = ElmFixtures.message("220101-idle.txt");
        message[3 + 4] = (byte) 0xFA; // 125 %

        ElmException e = assertThrows(ElmException.class, () -> BmsDecoder.decodeBattery(message));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void negativeResponseIsRecognisedAndNotAReply() throws ElmException {
        byte[] negative = ElmFixtures.message("negative-response.txt");

        assertArrayEquals(new byte[] { 0x7F, 0x22, 0x31 }, negative);
        assertTrue(BmsDecoder.isNegativeResponse(negative));
        assertFalse(BmsDecoder.isReplyTo(negative, BmsDecoder.BATTERY_DID));
        assertThrows(ElmException.class, () -> BmsDecoder.decodeBattery(negative));
    }
}
