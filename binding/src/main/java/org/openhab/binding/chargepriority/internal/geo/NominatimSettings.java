package org.openhab.binding.chargepriority.internal.geo;

import java.net.URI;
import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How reverse geocoding is done.
 *
 * @param baseUrl the Nominatim server (the public one, or your own / a proxy)
 * @param userAgent identifies the application, as Nominatim's usage policy requires; add a contact
 * @param enabled false to never call Nominatim (coordinates are shown instead)
 * @param minMoveMeters a car closer than this to its last geocoded point keeps that address without a request
 * @param cacheSize how many addresses are kept (least recently used go first)
 * @param timeout connect and request timeout
 * @param acceptLanguage preferred language of the address (e.g. "nb,en"), or null for the server's default
 */
@NonNullByDefault
public record NominatimSettings(URI baseUrl, String userAgent, boolean enabled, double minMoveMeters, int cacheSize,
        Duration timeout, @Nullable String acceptLanguage) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://nominatim.openstreetmap.org");
    public static final String DEFAULT_USER_AGENT = "openHAB-ChargePriority/1.0 (+https://www.openhab.org)";
    public static final double DEFAULT_MIN_MOVE_METERS = 100;
    public static final int DEFAULT_CACHE_SIZE = 256;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public NominatimSettings {
        String scheme = baseUrl.getScheme();
        if (baseUrl.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("The Nominatim URL must be an absolute http(s) URL, was " + baseUrl);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("Nominatim needs a User-Agent that identifies the application");
        }
        if (!(minMoveMeters >= 0) || Double.isInfinite(minMoveMeters)) {
            throw new IllegalArgumentException("minMoveMeters must be 0 or more, was " + minMoveMeters);
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public static NominatimSettings defaults() {
        return new NominatimSettings(DEFAULT_BASE_URL, DEFAULT_USER_AGENT, true, DEFAULT_MIN_MOVE_METERS,
                DEFAULT_CACHE_SIZE, DEFAULT_TIMEOUT, null);
    }

    public NominatimSettings withBaseUrl(URI value) {
        return new NominatimSettings(value, userAgent, enabled, minMoveMeters, cacheSize, timeout, acceptLanguage);
    }

    public NominatimSettings withUserAgent(String value) {
        return new NominatimSettings(baseUrl, value, enabled, minMoveMeters, cacheSize, timeout, acceptLanguage);
    }

    public NominatimSettings withEnabled(boolean value) {
        return new NominatimSettings(baseUrl, userAgent, value, minMoveMeters, cacheSize, timeout, acceptLanguage);
    }

    public NominatimSettings withMinMoveMeters(double value) {
        return new NominatimSettings(baseUrl, userAgent, enabled, value, cacheSize, timeout, acceptLanguage);
    }

    public NominatimSettings withCacheSize(int value) {
        return new NominatimSettings(baseUrl, userAgent, enabled, minMoveMeters, value, timeout, acceptLanguage);
    }

    public NominatimSettings withTimeout(Duration value) {
        return new NominatimSettings(baseUrl, userAgent, enabled, minMoveMeters, cacheSize, value, acceptLanguage);
    }

    public NominatimSettings withAcceptLanguage(@Nullable String value) {
        return new NominatimSettings(baseUrl, userAgent, enabled, minMoveMeters, cacheSize, timeout, value);
    }
}
