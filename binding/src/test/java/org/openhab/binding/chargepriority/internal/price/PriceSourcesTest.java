package org.openhab.binding.chargepriority.internal.price;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.geo.Fixtures;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** Both price sources against a local stand-in serving recorded answers, their errors and a missing day. */
@NonNullByDefault
class PriceSourcesTest {

    private static final String HVA_PATH = "/api/v1/prices/2023/01-10_NO1.json";
    private static final LocalDate JAN_10 = LocalDate.of(2023, 1, 10);
    private static final String TOKEN = "secret-token-123";

    private WireMockServer server = new WireMockServer();
    private final List<Duration> sleeps = new ArrayList<>();
    private PriceHttp http = new PriceHttp();

    @BeforeEach
    void setUp() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        http = new PriceHttp(Duration.ofSeconds(2), sleeps::add);
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private HvaKosterStrommenSource hva() {
        return new HvaKosterStrommenSource(URI.create(server.baseUrl()), http);
    }

    private EntsoeSource entsoe() {
        return new EntsoeSource(URI.create(server.baseUrl() + "/api"), TOKEN, http);
    }

    private int requests(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void norwegianPricesOfARecordedWinterDay() throws PriceException {
        server.stubFor(get(urlPathEqualTo(HVA_PATH))
                .willReturn(okJson(Fixtures.read("prices/hvakosterstrommen-2023-01-10_NO1.json"))));
        DayPrices day = hva().day("NO1", JAN_10);
        assertEquals("NOK", day.currency());
        assertEquals(24, day.points().size());
        assertEquals(Instant.parse("2023-01-09T23:00:00Z"), day.points().get(0).start());
        assertEquals(1.4487875, day.points().get(0).pricePerKwh());
        assertEquals(0.7392375, day.points().get(23).pricePerKwh());
    }

    @Test
    void aDayNotYetPublishedIsAskedOnceAndSaysSo() {
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).willReturn(aResponse().withStatus(404)));
        PriceException e = assertThrows(PriceException.class, () -> hva().day("NO1", JAN_10));
        assertTrue(e.notPublished());
        assertEquals(1, requests(HVA_PATH), "404 is an answer, not a failure: no retry");
    }

    @Test
    void aServerErrorIsRetriedTwiceWithAPause() throws PriceException {
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(Fixtures.read("prices/hvakosterstrommen-2023-01-10_NO1.json"))));
        assertEquals(24, hva().day("NO1", JAN_10).points().size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void aServerThatKeepsFailingIsAskedThreeTimesAtMost() {
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).willReturn(aResponse().withStatus(500)));
        PriceException e = assertThrows(PriceException.class, () -> hva().day("NO1", JAN_10));
        assertFalse(e.notPublished());
        assertEquals(500, e.httpStatus());
        assertEquals(3, requests(HVA_PATH));
    }

    @Test
    void aSlowServerTimesOut() {
        server.stubFor(get(urlPathEqualTo(HVA_PATH)).willReturn(okJson("[]").withFixedDelay(5_000)));
        http = new PriceHttp(Duration.ofMillis(200), sleeps::add);
        PriceException e = assertThrows(PriceException.class, () -> hva().day("NO1", JAN_10));
        assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
    }

    @Test
    void aMalformedAnswerIsAFailureNotPrices() {
        server.stubFor(get(urlPathEqualTo(HVA_PATH))
                .willReturn(okJson(Fixtures.read("prices/hvakosterstrommen-malformed.json"))));
        PriceException e = assertThrows(PriceException.class, () -> hva().day("NO1", JAN_10));
        assertFalse(e.notPublished());
        assertEquals(1, requests(HVA_PATH), "a readable answer is not retried");
    }

    @Test
    void anAnswerForAnotherDayIsRefused() {
        server.stubFor(get(urlPathEqualTo("/api/v1/prices/2023/01-11_NO1.json"))
                .willReturn(okJson(Fixtures.read("prices/hvakosterstrommen-2023-01-10_NO1.json"))));
        PriceException e = assertThrows(PriceException.class, () -> hva().day("NO1", JAN_10.plusDays(1)));
        assertTrue(e.getMessage().contains("another day"), e.getMessage());
    }

    @Test
    void entsoeDayAheadPricesInEuroPerKwh() throws PriceException {
        server.stubFor(get(urlPathEqualTo("/api")).willReturn(
                aResponse().withStatus(200).withBody(Fixtures.read("prices/entsoe-a44-SE4-2023-12-03.xml"))));
        DayPrices day = entsoe().day("SE4", LocalDate.of(2023, 12, 4));
        assertEquals("EUR", day.currency());
        assertEquals(24, day.points().size(), "only the asked day, though the document holds two");
        assertEquals(Instant.parse("2023-12-03T23:00:00Z"), day.points().get(0).start());
        assertEquals(0.09617, day.points().get(0).pricePerKwh(), 1e-12);
        assertEquals(0.26273, day.points().get(16).pricePerKwh(), 1e-12);
        server.verify(getRequestedFor(urlPathEqualTo("/api")).withQueryParam("documentType", equalTo("A44"))
                .withQueryParam("in_Domain", equalTo("10Y1001A1001A47J"))
                .withQueryParam("periodStart", equalTo("202312032300"))
                .withQueryParam("periodEnd", equalTo("202312042300"))
                .withQueryParam("securityToken", equalTo(TOKEN)));
    }

    @Test
    void entsoeWithoutDataSaysNotPublishedAndNeverShowsTheToken() {
        server.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read("prices/entsoe-no-data.xml"))));
        PriceException e = assertThrows(PriceException.class, () -> entsoe().day("NO1", JAN_10));
        assertTrue(e.notPublished());
        assertTrue(e.getMessage().contains("No matching data"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        server.stubFor(get(urlPathEqualTo("/api")).willReturn(aResponse().withStatus(401)));
        PriceException refused = assertThrows(PriceException.class, () -> entsoe().day("NO1", JAN_10));
        assertEquals(401, refused.httpStatus());
        assertFalse(refused.getMessage().contains(TOKEN));
    }

    @Test
    void entsoeKnowsTheNorwegianAreas() {
        assertEquals("10YNO-1--------2", EntsoeSource.AREAS.get("NO1").eic());
        assertEquals("10Y1001A1001A48H", EntsoeSource.AREAS.get("NO5").eic());
    }
}
