package org.openhab.core.i18n;

import java.time.ZoneId;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code TimeZoneProvider}.
 */
@NonNullByDefault
public interface TimeZoneProvider {

    ZoneId getTimeZone();
}
