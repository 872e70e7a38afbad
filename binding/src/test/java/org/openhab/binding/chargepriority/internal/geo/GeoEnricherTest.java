package org.openhab.binding.chargepriority.internal.geo;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;

/**
 * What the household shows after a fetch: home or away, and an address or at least the coordinates.
 */
@NonNullByDefault
class GeoEnricherTest {

    private static final double LAT = 59.9127313;
    private static final double LON = 10.7460924;

    private WireMockServer server = new WireMockServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:30:00Z"), ZoneOffset.UTC);
    private final RateLimiter limiter = new RateLimiter(clock, Duration.ofSeconds(1), clock::advance);
    private final HomeGeofence home = new HomeGeofence(LAT, LON, 150, 30);

    @BeforeEach
    void setUp() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private NominatimGeocoder geocoder() {
        return new NominatimGeocoder(NominatimSettings.defaults().withBaseUrl(URI.create(server.baseUrl())), clock,
                limiter);
    }

    private static VehicleStatus status(@Nullable Double lat, @Nullable Double lon) {
        return new VehicleStatus("Tesla Model Y", 57, 276, false, true, Location.UNKNOWN,
                Instant.parse("2025-03-17T08:20:45Z"), false, 0.0, lat, lon, null, DataSource.FLEET_API, false,
                "Stopped", false);
    }

    @Test
    void aCarAtHomeGetsHomeAndItsAddress() {
        server.stubFor(get(urlPathEqualTo("/reverse"))
                .willReturn(okJson(Fixtures.read("nominatim/reverse-oslo.json"))));

        VehicleStatus enriched = new GeoEnricher(home, geocoder()).enrich("tesla", status(LAT, LON));

        assertEquals(Location.HOME, enriched.location());
        assertEquals("Karl Johans gate 22, Oslo", enriched.address());
        assertEquals(57, enriched.batteryPercent());
    }

    @Test
    void whenNominatimCannotHelpTheCoordinatesAreShown() {
        server.stubFor(get(urlPathEqualTo("/reverse"))
                .willReturn(okJson(Fixtures.read("nominatim/unable-to-geocode.json"))));

        VehicleStatus enriched = new GeoEnricher(home, geocoder()).enrich("tesla", status(59.95, 10.80));

        assertEquals(Location.AWAY, enriched.location());
        assertEquals("59.95000, 10.80000", enriched.address());
    }

    @Test
    void aBlockedNominatimShowsCoordinatesToo() {
        server.stubFor(get(urlPathEqualTo("/reverse")).willReturn(aResponse().withStatus(403)));

        VehicleStatus enriched = new GeoEnricher(home, geocoder()).enrich("tesla", status(LAT, LON));

        assertEquals("59.91273, 10.74609", enriched.address());
    }

    @Test
    void withoutGeocoderTheCoordinatesAreTheAddress() {
        VehicleStatus enriched = new GeoEnricher(home, null).enrich("tesla", status(LAT, LON));

        assertEquals(Location.HOME, enriched.location());
        assertEquals("59.91273, 10.74609", enriched.address());
    }

    @Test
    void aStatusWithoutPositionIsLeftAsItIs() {
        VehicleStatus plain = status(null, null);

        VehicleStatus enriched = new GeoEnricher(home, geocoder()).enrich("tesla", plain);

        assertSame(plain, enriched);
        assertEquals(Location.UNKNOWN, enriched.location());
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void coordinatesUseADecimalPointWhateverTheSystemLanguage() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("59.91273, 10.74609", GeoEnricher.formatCoordinates(LAT, LON));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
