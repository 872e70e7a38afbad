package org.openhab.binding.chargepriority.internal.handler;

import java.util.Locale;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The language of the decision reasons on the channels: Norwegian Bokmål when openHAB's locale is Norwegian, English
 * otherwise (the decision engine writes both).
 */
@NonNullByDefault
public enum ReasonLanguage {
    ENGLISH,
    NORWEGIAN;

    private static final Set<String> NORWEGIAN_LANGUAGES = Set.of("nb", "no", "nn");

    public static ReasonLanguage of(Locale locale) {
        return NORWEGIAN_LANGUAGES.contains(locale.getLanguage()) ? NORWEGIAN : ENGLISH;
    }

    public String pick(String english, String norwegian) {
        return this == NORWEGIAN ? norwegian : english;
    }
}
