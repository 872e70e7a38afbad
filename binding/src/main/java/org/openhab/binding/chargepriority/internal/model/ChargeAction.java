package org.openhab.binding.chargepriority.internal.model;

/**
 * What the household should do with one car right now.
 */
public enum ChargeAction {
    /** Plug it in: below the threshold and at home. */
    CHARGE,
    /** Leave it: at or above the threshold, away, or nothing known. */
    NO_CHARGE,
    /** It is charging and still below the threshold: keep going. */
    CONTINUE_CHARGING
}
