package org.openhab.core.thing;

/**
 * Stand-in for openHAB 4.3's {@code ThingStatus}.
 */
public enum ThingStatus {
    UNINITIALIZED,
    INITIALIZING,
    UNKNOWN,
    ONLINE,
    OFFLINE,
    REMOVING,
    REMOVED
}
