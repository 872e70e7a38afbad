package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Decodes the Ioniq 5 (E-GMP) battery management system's replies. Byte {@code p[i]} is byte {@code i} after the
 * 3-byte header {@code 62 01 xx}; multi-byte values are big-endian. Positions and scales as in the project's
 * reference (vehicle-apis.md §2.4, §2.5).
 */
@NonNullByDefault
public final class BmsDecoder {

    static final int BATTERY_DID = 0x0101;
    static final int HEALTH_DID = 0x0105;
    private static final int POSITIVE_READ_REPLY = 0x62;
    private static final int HEADER = 3;
    /** The last payload byte each decoder reads, plus one. */
    private static final int BATTERY_PAYLOAD = 57;
    private static final int HEALTH_PAYLOAD = 32;
    private static final double MAX_PACK_VOLTAGE_V = 1000;

    private BmsDecoder() {
    }

    /** Decodes a complete {@code 62 01 01} message. */
    public static BmsBatteryData decodeBattery(byte[] message) throws ElmException {
        Payload p = new Payload(message, BATTERY_DID, BATTERY_PAYLOAD);
        double soc = p.u8(4) / 2.0;
        double current = p.s16(10) / 10.0;
        double voltage = p.u16(12) / 10.0;
        if (soc > 100) {
            throw new ElmException(ElmError.MALFORMED, "220101: state of charge " + soc + " %");
        }
        if (voltage > MAX_PACK_VOLTAGE_V) {
            throw new ElmException(ElmError.MALFORMED, "220101: pack voltage " + voltage + " V");
        }
        return new BmsBatteryData(soc, voltage, current, p.u8(29) / 10.0, p.u32(38) / 10.0, p.u32(42) / 10.0,
                p.s16(53), p.s16(55), (p.u8(9) & 0x01) != 0, (p.u8(50) & 0x04) != 0);
    }

    /** Decodes a complete {@code 62 01 05} message. */
    public static BmsHealthData decodeHealth(byte[] message) throws ElmException {
        Payload p = new Payload(message, HEALTH_DID, HEALTH_PAYLOAD);
        double displaySoc = p.u8(31) / 2.0;
        if (displaySoc > 100) {
            throw new ElmException(ElmError.MALFORMED, "220105: displayed state of charge " + displaySoc + " %");
        }
        return new BmsHealthData(p.u16(25) / 10.0, displaySoc);
    }

    /** True when {@code message} is a negative response ({@code 7F 22 nrc}) to a read request. */
    static boolean isNegativeResponse(byte[] message) {
        return message.length >= 3 && (message[0] & 0xFF) == 0x7F && message[1] == 0x22;
    }

    /** True when {@code message} is the positive reply to reading {@code did}. */
    static boolean isReplyTo(byte[] message, int did) {
        return message.length >= HEADER && (message[0] & 0xFF) == POSITIVE_READ_REPLY
                && (message[1] & 0xFF) == did >> 8 && (message[2] & 0xFF) == (did & 0xFF);
    }

    private static final class Payload {
        private final byte[] message;

        Payload(byte[] message, int did, int needed) throws ElmException {
            String request = String.format(Locale.ROOT, "22%04X", did);
            if (!isReplyTo(message, did)) {
                throw new ElmException(ElmError.MALFORMED, request + ": reply does not start with 62 "
                        + String.format(Locale.ROOT, "%02X %02X", did >> 8, did & 0xFF));
            }
            if (message.length < HEADER + needed) {
                throw new ElmException(ElmError.MALFORMED,
                        request + ": " + message.length + " bytes, at least " + (HEADER + needed) + " needed");
            }
            this.message = message;
        }

        int u8(int index) {
            return message[HEADER + index] & 0xFF;
        }

        int u16(int index) {
            return (u8(index) << 8) | u8(index + 1);
        }

        int s16(int index) {
            return (short) u16(index);
        }

        long u32(int index) {
            return ((long) u16(index) << 16) | u16(index + 2);
        }
    }
}
