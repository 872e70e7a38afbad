package org.openhab.binding.chargepriority.internal.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaAccounts;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The owner's Tesla sign-in through the real servlet in a real Jetty, against a local stand-in for Tesla's sign-in
 * service: redirect with PKCE, state checked, code exchanged, tokens saved privately.
 */
class TeslaOAuthServletTest {

    @TempDir
    Path dir;

    WireMockServer tesla;
    Server jetty;
    Household household;
    TeslaFleetService service;
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String base;

    @BeforeEach
    void start() throws Exception {
        tesla = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        tesla.start();
        tesla.stubFor(post(urlEqualTo("/oauth2/v3/token")).willReturn(okJson(
                Files.readString(Path.of("src/test/resources/tesla/token-response.json")))));
        Clock clock = Clock.system(ZoneId.of("Europe/Oslo"));
        TeslaConfig config = TeslaConfig.builder().clientId("client-123").clientSecret("very-secret")
                .region(TeslaRegion.EU).vin("XP7YGCEK5PB000001")
                .authorizeUrl(tesla.baseUrl() + "/oauth2/v3/authorize").tokenUrl(tesla.baseUrl() + "/oauth2/v3/token")
                .apiBaseUrl(tesla.baseUrl()).tokenDir(dir.resolve("tesla")).build();
        service = TeslaFleetService.create(config, clock, null);
        household = new Household(
                Simulation.create(clock, 59.9, 10.7, Simulation.defaultProfiles()).slots(Map.of("tesla", service)),
                HouseholdSettings.defaults(), null, clock, executor, StatusEnricher.NONE,
                Household.SettingsPersister.NONE);
        HouseholdRegistry registry = new HouseholdRegistry();
        registry.register(household);

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TeslaOAuthServlet(registry)), "/chargepriority/oauth/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        tesla.stop();
        household.close();
        executor.shutdownNow();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void anAccountOfAnotherRegionIsTheUsersSettingNotABadGateway() throws Exception {
        URI authorize = URI.create(get("/chargepriority/oauth/tesla").headers().firstValue("Location").orElseThrow());
        String state = query(authorize).get("state");

        HttpResponse<String> na = get("/chargepriority/oauth/tesla/callback?state=" + state + "&code=NA_the-code");

        assertEquals(409, na.statusCode(), na.body());
        assertTrue(na.body().contains("Set the region to NA"), na.body());
        tesla.verify(0, postRequestedFor(urlEqualTo("/oauth2/v3/token")));
    }

    @Test
    void teslasSignInServiceFailingIsABadGateway() throws Exception {
        tesla.stubFor(post(urlEqualTo("/oauth2/v3/token")).willReturn(aResponse().withStatus(503)));
        URI authorize = URI.create(get("/chargepriority/oauth/tesla").headers().firstValue("Location").orElseThrow());
        String state = query(authorize).get("state");

        HttpResponse<String> r = get("/chargepriority/oauth/tesla/callback?state=" + state + "&code=EU_the-code");

        assertEquals(502, r.statusCode(), r.body());
    }

    @Test
    void fullSignInRoundTrip() throws Exception {
        HttpResponse<String> start = get("/chargepriority/oauth/tesla");
        assertEquals(302, start.statusCode());
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(tesla.baseUrl() + "/oauth2/v3/authorize?"), authorize.toString());
        Map<String, String> q = query(authorize);
        assertEquals("code", q.get("response_type"));
        assertEquals("client-123", q.get("client_id"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals("openid offline_access vehicle_device_data vehicle_location", q.get("scope"));
        assertEquals(base + "/chargepriority/oauth/tesla/callback", q.get("redirect_uri"));
        assertFalse(q.get("state").isBlank());

        HttpResponse<String> forged = get("/chargepriority/oauth/tesla/callback?state=forged&code=EU_abc");
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("state mismatch"), forged.body());
        tesla.verify(0, postRequestedFor(urlEqualTo("/oauth2/v3/token")));
        assertFalse(service.isAuthorized());

        HttpResponse<String> done = get(
                "/chargepriority/oauth/tesla/callback?state=" + q.get("state") + "&code=EU_the-code");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Tesla connected"));
        tesla.verify(1, postRequestedFor(urlEqualTo("/oauth2/v3/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=EU_the-code")).withRequestBody(containing("code_verifier=")));
        assertTrue(service.isAuthorized());
        assertFalse(done.body().contains("very-secret"), "no secret on the page");

        Path tokenDir = dir.resolve("tesla");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenDir)));
        try (var files = Files.list(tokenDir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                            f.toString());
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        // A used state cannot be replayed.
        assertEquals(400, get("/chargepriority/oauth/tesla/callback?state=" + q.get("state") + "&code=EU_x")
                .statusCode());
    }

    @Test
    void refusalAtTeslaIsShownAndNothingIsExchanged() throws Exception {
        HttpResponse<String> r = get("/chargepriority/oauth/tesla/callback?error=access_denied&state=x");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("access_denied"));
        tesla.verify(0, postRequestedFor(urlEqualTo("/oauth2/v3/token")));
        assertEquals(404, get("/chargepriority/oauth/elsewhere").statusCode());
    }

    @Test
    void withoutATeslaConfiguredItSaysSo() throws Exception {
        HouseholdRegistry empty = new HouseholdRegistry();
        jetty.stop();
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TeslaOAuthServlet(empty)), "/chargepriority/oauth/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        HttpResponse<String> r = get("/chargepriority/oauth/tesla");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("not configured"));
    }

    @Test
    void aSignInIsTheAccountsAndServesEveryTeslaOnIt() throws Exception {
        jetty.stop();
        household.close();
        Clock clock = Clock.system(ZoneId.of("Europe/Oslo"));
        TeslaAccounts accounts = new TeslaAccounts(dir.resolve("accounts"));
        TeslaConfig.Builder eu = TeslaConfig.builder().clientId("client-123").clientSecret("very-secret")
                .region(TeslaRegion.EU).authorizeUrl(tesla.baseUrl() + "/oauth2/v3/authorize")
                .tokenUrl(tesla.baseUrl() + "/oauth2/v3/token").apiBaseUrl(tesla.baseUrl())
                .tokenDir(dir.resolve("accounts"));
        TeslaFleetService modelY = accounts.open("home-EU",
                eu.vin("XP7YGCEK5PB000001").usageFile(dir.resolve("y.json")).build(), clock, null);
        TeslaFleetService model3 = accounts.open("home-EU",
                eu.vin("XP7YGCEK5PB000002").usageFile(dir.resolve("3.json")).build(), clock, null);
        TeslaFleetService abroad = accounts.open("home-NA",
                eu.region(TeslaRegion.NA).vin("XP7YGCEK5PB000003").usageFile(dir.resolve("na.json")).build(), clock,
                null);
        Simulation simulation = Simulation.forCars(clock, 59.9, 10.7,
                List.of(new Simulation.Car("modely", VehicleKind.TESLA, "Tesla Model Y"),
                        new Simulation.Car("model3", VehicleKind.TESLA, "Tesla Model 3"),
                        new Simulation.Car("abroad", VehicleKind.TESLA, "Tesla abroad")),
                name -> null);
        household = new Household(
                simulation.slots(Map.of("modely", modelY, "model3", model3, "abroad", abroad)),
                HouseholdSettings.defaults(), null, clock, executor, StatusEnricher.NONE,
                Household.SettingsPersister.NONE);
        HouseholdRegistry registry = new HouseholdRegistry();
        registry.register(household);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TeslaOAuthServlet(registry)), "/chargepriority/oauth/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();

        HttpResponse<String> which = get("/chargepriority/oauth/tesla");
        assertEquals(409, which.statusCode(), which.body());
        assertTrue(which.body().contains("EU, NA") && which.body().contains("?region="), which.body());
        HttpResponse<String> unknown = get("/chargepriority/oauth/tesla?region=%3Ca%20href%3Dx%3EEU");
        assertEquals(404, unknown.statusCode());
        assertFalse(unknown.body().contains("<a"), "nothing the request says is shown unescaped: " + unknown.body());

        HttpResponse<String> start = get("/chargepriority/oauth/tesla?region=eu");
        assertEquals(302, start.statusCode(), start.body());
        String state = query(URI.create(start.headers().firstValue("Location").orElseThrow())).get("state");
        HttpResponse<String> done = get("/chargepriority/oauth/tesla/callback?state=" + state + "&code=EU_the-code");

        assertEquals(200, done.statusCode(), done.body());
        assertTrue(modelY.isAuthorized() && model3.isAuthorized(), "both Teslas of the account");
        assertFalse(abroad.isAuthorized(), "the other region's account signs in on its own");
        tesla.verify(1, postRequestedFor(urlEqualTo("/oauth2/v3/token")));
        assertTrue(Files.exists(dir.resolve("accounts").resolve(TeslaAccounts.tokenFileName("home-EU"))));
        assertFalse(done.body().contains("very-secret"));

        HttpResponse<String> script = get("/chargepriority/oauth/tesla/callback?error=%3Cscript%3Ex%3C/script%3E");
        assertEquals(400, script.statusCode());
        assertFalse(script.body().contains("<script>"), script.body());
    }
}
