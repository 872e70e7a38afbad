package org.openhab.binding.chargepriority.internal.geo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse geocoding with Nominatim, kept within its usage policy: an identifying User-Agent, at most one request per
 * second for the whole process, a request only when a car moved more than {@code minMoveMeters} from where it was
 * last geocoded, an LRU cache, and a pause after the server says 403 or 429. Any failure gives an empty answer, so
 * the caller shows coordinates.
 */
@NonNullByDefault
public final class NominatimGeocoder {

    /** After a 403 (blocked) or 429 (too many requests) no request is sent for this long. */
    static final Duration PAUSE_AFTER_REFUSAL = Duration.ofMinutes(15);
    /** Longest wait for a free request slot; beyond it this lookup is skipped. */
    static final Duration MAX_WAIT_FOR_SLOT = Duration.ofSeconds(3);
    /** Cache key precision: 4 decimals is about 11 m. */
    private static final String CACHE_KEY_FORMAT = "%.4f,%.4f";

    private final Logger logger = LoggerFactory.getLogger(NominatimGeocoder.class);
    private final NominatimSettings settings;
    private final Clock clock;
    private final RateLimiter limiter;
    /** Made at the first lookup: an HttpClient holds a selector thread, and simulated cars never need one. */
    private volatile @Nullable HttpClient client;
    private final Map<String, Lookup> lastByVehicle = new ConcurrentHashMap<>();
    private final Map<String, Lookup> cache;
    private volatile @Nullable Instant pausedUntil;

    /** Uses the process-wide Nominatim rate limiter. */
    public NominatimGeocoder(NominatimSettings settings, Clock clock) {
        this(settings, clock, RateLimiter.nominatimShared());
    }

    public NominatimGeocoder(NominatimSettings settings, Clock clock, RateLimiter limiter) {
        this.settings = settings;
        this.clock = clock;
        this.limiter = limiter;
        int size = settings.cacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.@Nullable Entry<String, Lookup> eldest) {
                return size() > size;
            }
        };
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(settings.timeout())
                            .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
                    client = c;
                }
            }
        }
        return c;
    }

    public boolean isEnabled() {
        return settings.enabled();
    }

    /**
     * The address at a car's position, or empty when it is unknown (geocoding disabled, no address there, the
     * server refused or did not answer in time).
     */
    public Optional<String> reverse(String vehicleId, double latitude, double longitude) {
        if (!settings.enabled() || !GeoPoint.isValid(latitude, longitude)) {
            return Optional.empty();
        }
        GeoPoint point = new GeoPoint(latitude, longitude);
        Lookup last = lastByVehicle.get(vehicleId);
        if (last != null && last.point().distanceMeters(point) <= settings.minMoveMeters()) {
            return Optional.ofNullable(last.address());
        }
        String key = String.format(Locale.ROOT, CACHE_KEY_FORMAT, latitude, longitude);
        Lookup cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        if (cached != null) {
            lastByVehicle.put(vehicleId, new Lookup(point, cached.address()));
            return Optional.ofNullable(cached.address());
        }
        Optional<NominatimAnswer> answer = request(point);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Lookup lookup = new Lookup(point, answer.get().address());
        lastByVehicle.put(vehicleId, lookup);
        synchronized (cache) {
            cache.put(key, lookup);
        }
        return Optional.ofNullable(lookup.address());
    }

    /** The answer when Nominatim gave a definite one; empty on any failure (not remembered, tried again later). */
    private Optional<NominatimAnswer> request(GeoPoint point) {
        Instant paused = pausedUntil;
        if (paused != null && clock.instant().isBefore(paused)) {
            return Optional.empty();
        }
        try {
            if (!limiter.tryAcquire(MAX_WAIT_FOR_SLOT)) {
                logger.debug("Nominatim request skipped: no free slot within {} s", MAX_WAIT_FOR_SLOT.toSeconds());
                return Optional.empty();
            }
            HttpResponse<String> response = client().send(buildRequest(point),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 403 || status == 429) {
                pausedUntil = clock.instant().plus(PAUSE_AFTER_REFUSAL);
                logger.warn("Nominatim refused the request (HTTP {}); no reverse geocoding for {} minutes. "
                        + "Check the User-Agent setting or use your own Nominatim server.", status,
                        PAUSE_AFTER_REFUSAL.toMinutes());
                return Optional.empty();
            }
            if (status != 200) {
                logger.debug("Nominatim answered HTTP {}", status);
                return Optional.empty();
            }
            NominatimAnswer answer = NominatimAnswer.parse(response.body());
            if (answer.kind() == NominatimAnswer.Kind.INVALID) {
                logger.debug("Nominatim's answer is not a reverse geocoding result");
                return Optional.empty();
            }
            return Optional.of(answer);
        } catch (HttpTimeoutException e) {
            logger.debug("Nominatim did not answer within {} s", settings.timeout().toSeconds());
        } catch (IOException e) {
            logger.debug("Cannot reach Nominatim: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private HttpRequest buildRequest(GeoPoint point) {
        StringBuilder query = new StringBuilder("format=jsonv2");
        query.append("&lat=").append(String.format(Locale.ROOT, "%.5f", point.latitude()));
        query.append("&lon=").append(String.format(Locale.ROOT, "%.5f", point.longitude()));
        String language = settings.acceptLanguage();
        if (language != null && !language.isBlank()) {
            query.append("&accept-language=").append(URLEncoder.encode(language, StandardCharsets.UTF_8));
        }
        String base = settings.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return HttpRequest.newBuilder(URI.create(base + "/reverse?" + query)).timeout(settings.timeout())
                .header("User-Agent", settings.userAgent()).header("Accept", "application/json").GET().build();
    }

    private record Lookup(GeoPoint point, @Nullable String address) {
    }
}
