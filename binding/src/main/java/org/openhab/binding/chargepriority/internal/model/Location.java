package org.openhab.binding.chargepriority.internal.model;

import java.util.Locale;

/**
 * Where a car is relative to the home charger. {@link #UNKNOWN} is never treated as home.
 */
public enum Location {
    HOME,
    AWAY,
    UNKNOWN;

    /** The lower-case name used in JSON and in the database ("home", "away", "unknown"). */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Location fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
