package org.openhab.core;

/**
 * Stand-in for openHAB 4.3's {@code org.openhab.core.OpenHAB}: only the user data folder.
 */
public class OpenHAB {

    public OpenHAB() {
    }

    /** As openHAB: the {@code openhab.userdata} system property, else {@code userdata}. */
    public static String getUserDataFolder() {
        return System.getProperty("openhab.userdata", "userdata");
    }
}
