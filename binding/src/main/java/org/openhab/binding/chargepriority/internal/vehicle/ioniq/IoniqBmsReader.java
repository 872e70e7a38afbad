package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Reads the battery management system through an initialised {@link Elm327Session}: sends the request, puts the
 * multi-frame reply together, checks it answers this request, decodes it.
 */
@NonNullByDefault
public class IoniqBmsReader {

    private final Elm327Session elm;

    public IoniqBmsReader(Elm327Session elm) {
        this.elm = elm;
    }

    public BmsBatteryData readBattery(Deadline deadline) throws IOException, ElmException {
        return BmsDecoder.decodeBattery(read(BmsDecoder.BATTERY_DID, deadline));
    }

    public BmsHealthData readHealth(Deadline deadline) throws IOException, ElmException {
        return BmsDecoder.decodeHealth(read(BmsDecoder.HEALTH_DID, deadline));
    }

    private byte[] read(int did, Deadline deadline) throws IOException, ElmException {
        String request = String.format(Locale.ROOT, "22%04X", did);
        List<String> lines = elm.request(request, deadline);
        return positiveReply(request, did, ElmIsoTpReassembler.reassemble(lines, Elm327Session.BMS_REPLY_ID));
    }

    /**
     * The positive reply among the messages. A negative response "response pending" (NRC 78) may come before it; any
     * other negative response without a positive reply means the BMS refused.
     */
    static byte[] positiveReply(String request, int did, List<byte[]> messages) throws ElmException {
        for (byte[] message : messages) {
            if (BmsDecoder.isReplyTo(message, did)) {
                return message;
            }
        }
        for (byte[] message : messages) {
            if (BmsDecoder.isNegativeResponse(message)) {
                throw new ElmException(ElmError.NEGATIVE_RESPONSE,
                        String.format(Locale.ROOT, "%s: negative response 7F 22 %02X", request, message[2] & 0xFF));
            }
        }
        throw new ElmException(ElmError.MALFORMED, request + ": no reply from the battery system");
    }
}
