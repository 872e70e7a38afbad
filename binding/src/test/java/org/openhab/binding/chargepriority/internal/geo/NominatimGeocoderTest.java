package org.openhab.binding.chargepriority.internal.geo;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;

/**
 * Reverse geocoding against a local stand-in for Nominatim: the address a user sees, and the usage policy kept.
 */
@NonNullByDefault
class NominatimGeocoderTest {

    private static final String USER_AGENT = "openHAB-ChargePriority/1.0 (+mailto:owner@example.org)";
    private static final double LAT = 59.9127313;
    private static final double LON = 10.7460924;

    private WireMockServer server = new WireMockServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:30:00Z"),
            ZoneId.of("Europe/Oslo"));
    private final List<Duration> waits = new ArrayList<>();
    private final RateLimiter limiter = new RateLimiter(clock, Duration.ofSeconds(1), d -> {
        waits.add(d);
        clock.advance(d);
    });
    private NominatimSettings settings = NominatimSettings.defaults();

    @BeforeEach
    void setUp() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        settings = NominatimSettings.defaults().withBaseUrl(URI.create(server.baseUrl())).withUserAgent(USER_AGENT)
                .withTimeout(Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private NominatimGeocoder geocoder() {
        return new NominatimGeocoder(settings, clock, limiter);
    }

    private void answer(String fixture) {
        server.stubFor(get(urlPathEqualTo("/reverse")).willReturn(okJson(Fixtures.read("nominatim/" + fixture))));
    }

    private void answerStatus(int status) {
        server.stubFor(get(urlPathEqualTo("/reverse")).willReturn(aResponse().withStatus(status)));
    }

    private int requests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/reverse"))).size();
    }

    /** A point {@code meters} north of the fixture position. */
    private static double north(double meters) {
        return LAT + Math.toDegrees(meters / GeoPoint.EARTH_RADIUS_METERS);
    }

    @Test
    void aStreetAddressIsShortenedToRoadNumberAndCityAndTheAppIdentifiesItself() {
        answer("reverse-oslo.json");

        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder().reverse("tesla", LAT, LON));

        server.verify(getRequestedFor(urlPathEqualTo("/reverse")).withQueryParam("format", equalTo("jsonv2"))
                .withQueryParam("lat", equalTo("59.91273")).withQueryParam("lon", equalTo("10.74609"))
                .withHeader("User-Agent", equalTo(USER_AGENT)));
    }

    @Test
    void aRoadWithoutNumberInATownReadsRoadAndTown() {
        answer("reverse-rural.json");

        assertEquals(Optional.of("Furnesvegen, Hamar"), geocoder().reverse("ioniq", 60.7945, 11.0685));
    }

    @Test
    void withoutRoadOrSettlementTheFullNameIsShown() {
        answer("reverse-display-name-only.json");

        assertEquals(Optional.of("Innlandet, Norge"), geocoder().reverse("tesla", 61.25, 8.01));
    }

    @Test
    void aCarThatHasNotMovedIsNotLookedUpAgain() {
        answer("reverse-oslo.json");
        NominatimGeocoder geocoder = geocoder();
        geocoder.reverse("tesla", LAT, LON);

        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder.reverse("tesla", north(50), LON));
        assertEquals(1, requests(), "50 m is within the 100 m the car may move");

        answer("reverse-rural.json");
        assertEquals(Optional.of("Furnesvegen, Hamar"), geocoder.reverse("tesla", north(500), LON));
        assertEquals(2, requests());
    }

    @Test
    void aPlaceLookedUpBeforeComesFromTheCache() {
        answer("reverse-oslo.json");
        NominatimGeocoder geocoder = geocoder();
        geocoder.reverse("tesla", LAT, LON);

        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder.reverse("ioniq", LAT, LON));
        geocoder.reverse("tesla", north(2_000), LON);
        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder.reverse("tesla", LAT, LON),
                "back where it was: cached");

        assertEquals(2, requests());
    }

    @Test
    void theCacheIsBounded() {
        settings = settings.withCacheSize(2);
        answer("reverse-oslo.json");
        NominatimGeocoder geocoder = geocoder();
        geocoder.reverse("a", north(0), LON);
        geocoder.reverse("b", north(2_000), LON);
        geocoder.reverse("c", north(4_000), LON);
        assertEquals(3, requests());

        geocoder.reverse("d", north(4_000), LON);
        assertEquals(3, requests(), "the newest place is still cached");
        geocoder.reverse("e", north(0), LON);
        assertEquals(4, requests(), "the oldest place was dropped");
    }

    @Test
    void neverMoreThanOneRequestPerSecondEvenAcrossGeocoders() {
        answer("reverse-oslo.json");
        NominatimGeocoder first = geocoder();
        NominatimGeocoder second = geocoder();

        first.reverse("tesla", LAT, LON);
        second.reverse("ioniq", north(3_000), LON);

        assertEquals(List.of(Duration.ofSeconds(1)), waits, "the second request waited for its slot");
        assertEquals(2, requests());

        clock.advance(Duration.ofSeconds(5));
        first.reverse("tesla", north(6_000), LON);
        assertEquals(1, waits.size(), "no wait after a quiet spell");
    }

    @Test
    void unableToGeocodeGivesNoAddressAndIsNotAskedAgainForTheSameSpot() {
        answer("unable-to-geocode.json");
        NominatimGeocoder geocoder = geocoder();

        assertEquals(Optional.empty(), geocoder.reverse("tesla", 59.5, 10.6));
        assertEquals(Optional.empty(), geocoder.reverse("tesla", 59.5, 10.6));
        assertEquals(1, requests());
    }

    @Test
    void http403GivesNoAddressAndPausesGeocoding() {
        answerStatus(403);
        NominatimGeocoder geocoder = geocoder();

        assertEquals(Optional.empty(), geocoder.reverse("tesla", LAT, LON));
        assertEquals(Optional.empty(), geocoder.reverse("ioniq", north(5_000), LON));
        assertEquals(1, requests(), "a blocked client does not keep knocking");

        clock.advance(Duration.ofMinutes(16));
        answer("reverse-oslo.json");
        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder.reverse("tesla", LAT, LON));
    }

    @Test
    void http429GivesNoAddress() {
        answerStatus(429);

        assertEquals(Optional.empty(), geocoder().reverse("tesla", LAT, LON));
    }

    @Test
    void aServerErrorGivesNoAddressAndIsTriedAgainNextTime() {
        answerStatus(503);
        NominatimGeocoder geocoder = geocoder();
        assertEquals(Optional.empty(), geocoder.reverse("tesla", LAT, LON));

        answer("reverse-oslo.json");
        assertEquals(Optional.of("Karl Johans gate 22, Oslo"), geocoder.reverse("tesla", LAT, LON));
        assertEquals(2, requests());
    }

    @Test
    void aParameterErrorGivesNoAddress() {
        server.stubFor(get(urlPathEqualTo("/reverse")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("nominatim/error-400.json"))));

        assertEquals(Optional.empty(), geocoder().reverse("tesla", LAT, LON));
    }

    @Test
    void aSlowServerGivesNoAddressAfterTheTimeout() {
        settings = settings.withTimeout(Duration.ofMillis(300));
        server.stubFor(get(urlPathEqualTo("/reverse"))
                .willReturn(okJson(Fixtures.read("nominatim/reverse-oslo.json")).withFixedDelay(3000)));

        assertEquals(Optional.empty(), geocoder().reverse("tesla", LAT, LON));
    }

    @Test
    void whenDisabledNominatimIsNeverAsked() {
        settings = settings.withEnabled(false);
        answer("reverse-oslo.json");

        assertEquals(Optional.empty(), geocoder().reverse("tesla", LAT, LON));
        assertEquals(0, requests());
    }
}
