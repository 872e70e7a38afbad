package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Why a request to the adapter gave no usable answer: the ELM327's own error messages (datasheet ELM327DSJ) and the
 * failures this binding detects itself. Each one says what it means for polling:
 * <ul>
 * <li>{@link #carSilent()}: the car's bus or battery system did not answer, as when the car is off; the service backs
 * off and probes again later.</li>
 * <li>{@link #resetsAdapter()}: the adapter lost or may have lost its settings (or the conversation is out of step);
 * it is initialised again before the next request.</li>
 * </ul>
 * The rest are glitches of a car that is awake; the next fetch simply tries again.
 */
@NonNullByDefault
public enum ElmError {

    NO_DATA("NO DATA", true, false, s -> s.equals("NODATA")),
    CAN_ERROR("CAN ERROR", true, false, s -> s.equals("CANERROR")),
    UNABLE_TO_CONNECT("UNABLE TO CONNECT", true, false, s -> s.equals("UNABLETOCONNECT")),
    BUS_INIT_ERROR("BUS INIT: ...ERROR", true, false, s -> s.startsWith("BUSINIT") && s.contains("ERROR")),
    /** "SEARCHING..." with nothing after it: the adapter found no protocol on a silent bus. */
    SEARCHING("SEARCHING...", true, false, s -> false),
    /** ERRxx, internal errors; ERR94 is the fatal CAN error after which the CAN block is reset. */
    INTERNAL_ERROR("ERRxx", true, true, s -> s.matches("ERR\\d{2}")),
    BUS_BUSY("BUS BUSY", false, false, s -> s.equals("BUSBUSY")),
    BUS_ERROR("BUS ERROR", false, false, s -> s.equals("BUSERROR")),
    FB_ERROR("FB ERROR", false, false, s -> s.equals("FBERROR")),
    DATA_ERROR("DATA ERROR", false, false, s -> s.contains("DATAERROR")),
    RX_ERROR("<RX ERROR", false, false, s -> s.contains("<RXERROR")),
    BUFFER_FULL("BUFFER FULL", false, true, s -> s.equals("BUFFERFULL")),
    STOPPED("STOPPED", false, true, s -> s.equals("STOPPED")),
    UNKNOWN_COMMAND("?", false, true, s -> s.equals("?")),
    LV_RESET("LV RESET", false, true, s -> s.equals("LVRESET")),
    ACT_ALERT("ACT ALERT", false, true, s -> s.equals("ACTALERT")),
    LP_ALERT("LP ALERT", false, true, s -> s.equals("LPALERT")),

    /** No prompt within the time-out. */
    TIMEOUT("time-out", true, true, s -> false),
    /** Bytes that are not an ELM327 reply at all. */
    GARBAGE("unreadable reply", false, true, s -> false),
    /** A reply whose frames do not add up: wrong length, frames out of order, wrong header. */
    MALFORMED("malformed reply", false, false, s -> false),
    /** The battery system answered "7F 22 xx": it refuses the request for now. */
    NEGATIVE_RESPONSE("negative response", false, false, s -> false);

    private final String text;
    private final boolean carSilent;
    private final boolean resetsAdapter;
    private final Predicate<String> matcher;

    ElmError(String text, boolean carSilent, boolean resetsAdapter, Predicate<String> matcher) {
        this.text = text;
        this.carSilent = carSilent;
        this.resetsAdapter = resetsAdapter;
        this.matcher = matcher;
    }

    /** The message as the adapter prints it, or a short description for the binding's own failures. */
    public String text() {
        return text;
    }

    public boolean carSilent() {
        return carSilent;
    }

    public boolean resetsAdapter() {
        return resetsAdapter;
    }

    /**
     * The error an adapter line reports, if it is one. Spaces are ignored because an adapter with spaces off prints
     * "NODATA" where others print "NO DATA".
     */
    public static Optional<ElmError> of(String line) {
        String squeezed = line.replace(" ", "").toUpperCase(Locale.ROOT);
        for (ElmError error : values()) {
            if (error.matcher.test(squeezed)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
