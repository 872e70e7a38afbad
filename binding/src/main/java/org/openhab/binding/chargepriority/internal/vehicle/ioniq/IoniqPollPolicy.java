package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Decides, for each fetch, whether to read the battery system, to probe the 12 V voltage, or to leave the car alone.
 * <p>
 * The battery system answers only while the car is on or charging, and requests to a parked car keep its modules
 * awake and drain the 12 V battery. So: while the car answers, every fetch reads it. Once it stops answering, the car
 * is "parked": at most once per probe interval the adapter measures the 12 V voltage ({@code ATRV}, which does not
 * touch the car's bus). A voltage at or above the awake level (DC-DC converter running: car on or charging) lets the
 * read through. {@code ATRV} is only a hint, though: clone adapters read a few tenths low, and a car that is on can
 * show 13.3 V or less at the OBD socket. So one read is also let through when the voltage is inconclusive (within
 * {@link #INCONCLUSIVE_BAND_V} below the awake level), on first contact and after the adapter reconnected; a car
 * that answers is awake whatever the voltage said, one that does not is parked again for a whole interval. A voltage
 * under the low limit lets nothing through until the voltage is back at the awake level. So a car that really sleeps
 * gets at most one unanswered read per probe interval.
 */
@NonNullByDefault
public class IoniqPollPolicy {

    /** What the next fetch does. */
    public enum Action {
        /** Read the battery system. */
        POLL_BMS,
        /** Measure the 12 V voltage at the OBD socket. */
        PROBE_VOLTAGE,
        /** Send nothing. */
        WAIT
    }

    public enum Mode {
        AWAKE,
        PARKED,
        LOW_VOLTAGE;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Failed reads of an awake car (bus glitches) before it is treated as parked. */
    static final int MAX_CONSECUTIVE_FAILURES = 3;
    /** Voltages this far below the awake level are inconclusive: one read of the battery system decides. */
    public static final double INCONCLUSIVE_BAND_V = 0.5;

    private final Duration probeInterval;
    private final double lowVoltageLimit;
    private final double awakeVoltage;
    private Mode mode = Mode.PARKED;
    private @Nullable Instant nextProbe;
    private int failures;
    /** Nothing known about the car since the start or the last reconnect: the next probe tries one read. */
    private boolean unknown = true;

    public IoniqPollPolicy(Duration probeInterval, double lowVoltageLimit, double awakeVoltage) {
        this.probeInterval = probeInterval;
        this.lowVoltageLimit = lowVoltageLimit;
        this.awakeVoltage = awakeVoltage;
    }

    public synchronized Action next(Instant now) {
        if (mode == Mode.AWAKE) {
            return Action.POLL_BMS;
        }
        Instant due = nextProbe;
        return due == null || !now.isBefore(due) ? Action.PROBE_VOLTAGE : Action.WAIT;
    }

    /** The battery system answered; {@code auxVoltage} is the 12 V voltage it reported. */
    public synchronized void bmsAnswered(Instant now, double auxVoltage) {
        failures = 0;
        unknown = false;
        if (auxVoltage < lowVoltageLimit) {
            rest(Mode.LOW_VOLTAGE, now);
        } else {
            mode = Mode.AWAKE;
            nextProbe = null;
        }
    }

    /** The battery system did not answer: the car is off. */
    public synchronized void bmsSilent(Instant now) {
        failures = 0;
        unknown = false;
        if (mode != Mode.LOW_VOLTAGE) {
            rest(Mode.PARKED, now);
        } else {
            nextProbe = now.plus(probeInterval);
        }
    }

    /** A read of an answering car failed (bus glitch, bad frame); repeated failures count as silence. */
    public synchronized void bmsFailed(Instant now) {
        failures++;
        if (failures >= MAX_CONSECUTIVE_FAILURES || mode != Mode.AWAKE) {
            bmsSilent(now);
        }
    }

    /**
     * The 12 V voltage measured by a probe.
     *
     * @return {@link Action#POLL_BMS} when the car is awake or may be (inconclusive voltage, first contact, after a
     *         reconnect), otherwise {@link Action#WAIT}
     */
    public synchronized Action voltageMeasured(Instant now, double volts) {
        if (volts >= awakeVoltage) {
            // awake or charging: let one read through; if the BMS stays silent it parks again
            mode = Mode.AWAKE;
            nextProbe = null;
            return Action.POLL_BMS;
        }
        if (volts < lowVoltageLimit) {
            rest(Mode.LOW_VOLTAGE, now);
        } else if (mode != Mode.LOW_VOLTAGE && (unknown || inconclusive(volts))) {
            // one read decides; the BMS's silence parks the car for a whole interval
            return Action.POLL_BMS;
        } else {
            // a LOW_VOLTAGE car stays there until the awake level: a resting battery creeps back up by itself
            rest(mode == Mode.LOW_VOLTAGE ? Mode.LOW_VOLTAGE : Mode.PARKED, now);
        }
        return Action.WAIT;
    }

    /**
     * The adapter could not measure the voltage (some clones do not know ATRV). Then the only probe left is one read
     * of the battery system per interval, never while the battery is known to be low.
     */
    public synchronized Action voltageUnknown(Instant now) {
        if (mode == Mode.LOW_VOLTAGE) {
            nextProbe = now.plus(probeInterval);
            return Action.WAIT;
        }
        return Action.POLL_BMS;
    }

    /** Whether {@code volts} says nothing certain: just below the awake level. */
    public boolean inconclusive(double volts) {
        return volts < awakeVoltage && volts >= awakeVoltage - INCONCLUSIVE_BAND_V;
    }

    /** The adapter was opened again: what it knew of the car may be old, so the next probe tries one read. */
    public synchronized void reconnected() {
        unknown = true;
    }

    private void rest(Mode newMode, Instant now) {
        mode = newMode;
        nextProbe = now.plus(probeInterval);
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** When the next probe is due, or null while the car is awake (or before the first probe). */
    public synchronized @Nullable Instant nextProbe() {
        return nextProbe;
    }
}
