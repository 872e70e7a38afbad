package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A reason as a code with its arguments; {@link PlanText} turns it into English or Norwegian at the edge.
 *
 * @param vehicle the car it is about ("" when none)
 * @param other a second car (the one the cable comes from), "" when none
 * @param time a time it names (start, swap, end of known prices), or null
 * @param until a second time (end of charging), or null
 * @param percent a state of charge it names (expected), or NaN
 * @param targetPercent the target or minimum it is compared with, or NaN
 */
@NonNullByDefault
public record PlanReason(Code code, String vehicle, String other, @Nullable Instant time, @Nullable Instant until,
        double percent, double targetPercent) {

    public enum Code {
        /** No price in the horizon: planned by urgency only. */
        NO_PRICES,
        /** Prices end at {@code time}; later slots count at the highest known price. */
        PRICES_UNKNOWN_FROM,
        /** The car is away and is not planned. */
        AWAY,
        /** The car is already at its target. */
        AT_TARGET,
        /** The car charges from {@code time} to {@code until} and reaches {@code percent}. */
        CHARGES,
        /** The car is below its urgency floor and gets the energy first. */
        URGENT_FIRST,
        /** The car will leave with {@code percent} instead of {@code targetPercent}. */
        SHORTFALL,
        /** The car will leave with {@code percent}, below its minimum {@code targetPercent}. */
        BELOW_MINIMUM,
        /** Plug the car in at {@code time}. */
        PLUG_IN,
        /** Move the cable from {@code other} to {@code vehicle} at {@code time}. */
        SWAP,
        /** No car needs the charger. */
        NOTHING_TO_DO
    }

    static PlanReason of(Code code) {
        return new PlanReason(code, "", "", null, null, Double.NaN, Double.NaN);
    }

    static PlanReason car(Code code, String vehicle, @Nullable Instant time, @Nullable Instant until, double percent,
            double targetPercent) {
        return new PlanReason(code, vehicle, "", time, until, percent, targetPercent);
    }
}
