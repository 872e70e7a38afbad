package org.openhab.core.i18n;

import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code LocaleProvider} (same jar as {@code LocationProvider}).
 */
@NonNullByDefault
public interface LocaleProvider {

    Locale getLocale();
}
