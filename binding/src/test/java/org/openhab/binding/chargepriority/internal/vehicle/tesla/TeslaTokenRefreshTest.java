package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Renewing the access token: Tesla's refresh tokens are single-use, so the rotated one must be on disk before the new
 * access token is used, and a lost login must say what to do.
 */
@NonNullByDefault
class TeslaTokenRefreshTest {

    private static final String OLD_ACCESS = "old-access-token-8c1e";
    private static final String OLD_REFRESH = "EU_old-refresh-token-77d0a3";
    private static final String NEW_ACCESS = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJodHRwczovL2ZsZWV0LWF1dGgudGVzbGEuY29tIiwic3ViIjoiYW5vbiJ9.c2lnbmF0dXJlLXNlY29uZA";
    private static final String NEW_REFRESH = "EU_5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";

    /** Records, when Tesla's API receives a request, which refresh token the token file holds at that moment. */
    static final class TokenFileAtRequestTime implements ResponseDefinitionTransformerV2 {
        volatile Path tokenDir = Path.of("unset");
        final List<String> refreshTokenOnDisk = new CopyOnWriteArrayList<>();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            try {
                refreshTokenOnDisk.add(new TokenStore(tokenDir).load().map(TeslaTokens::refreshToken).orElse("none"));
            } catch (IOException e) {
                refreshTokenOnDisk.add("unreadable: " + e.getMessage());
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "token-file-at-request-time";
        }
    }

    private @TempDir Path tmp;
    private final TokenFileAtRequestTime tokenFileProbe = new TokenFileAtRequestTime();
    private WireMockServer server = new WireMockServer();
    private final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private Path tokenDir = Path.of("unset");

    @BeforeEach
    void setUp() throws IOException {
        server = startServer(tokenFileProbe);
        tokenDir = tmp.resolve("tesla");
        tokenFileProbe.tokenDir = tokenDir;
        saveTokens(tokenDir, OLD_ACCESS, OLD_REFRESH, START.plus(Duration.ofHours(6)));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private TeslaFleetService service() {
        return new TeslaFleetService(config(server, tokenDir).build(), clock, null, d -> {
        });
    }

    private void stubOnlineCarFor(String accessToken) {
        server.stubFor(get(VEHICLE_PATH).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(fixture("vehicle-online.json")).withTransformers(tokenFileProbe.getName())));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(fixture("vehicle-data-charging.json"))));
    }

    @Test
    void after401TheRotatedRefreshTokenIsOnDiskBeforeTheRetriedCall() throws Exception {
        server.stubFor(get(VEHICLE_PATH).withHeader("Authorization", equalTo("Bearer " + OLD_ACCESS))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-refreshed.json"))));
        stubOnlineCarFor(NEW_ACCESS);

        VehicleStatus status = service().fetch();

        assertEquals(57, status.batteryPercent());
        assertEquals(List.of("GET " + VEHICLE_PATH, "POST " + TOKEN_PATH, "GET " + VEHICLE_PATH,
                "GET " + VEHICLE_DATA_PATH), requestLog(server));
        assertEquals(List.of(NEW_REFRESH), tokenFileProbe.refreshTokenOnDisk,
                "the retried call found the new refresh token already saved");

        Map<String, String> form = parseForm(
                server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(0).getBodyAsString());
        assertEquals(Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID, "refresh_token", OLD_REFRESH),
                form, "a refresh sends neither the client secret nor an audience");

        assertEquals("rwx------", permissions(tokenDir));
        assertEquals("rw-------", permissions(tokenDir.resolve(TokenStore.TOKEN_FILE)));
        assertEquals("rw-------", permissions(tokenDir.resolve(TokenStore.KEY_FILE)));
        String onDisk = Files.readString(tokenDir.resolve(TokenStore.TOKEN_FILE), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(NEW_REFRESH));
        assertFalse(onDisk.contains(OLD_REFRESH));
        try (var files = Files.list(tokenDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left over");
        }
    }

    @Test
    void anAccessTokenAboutToExpireIsRenewedBeforeTheCallInsteadOfAfterA401() throws Exception {
        saveTokens(tokenDir, OLD_ACCESS, OLD_REFRESH, START.plus(Duration.ofMinutes(2)));
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-refreshed.json"))));
        stubOnlineCarFor(NEW_ACCESS);

        service().fetch();

        assertEquals(List.of("POST " + TOKEN_PATH, "GET " + VEHICLE_PATH, "GET " + VEHICLE_DATA_PATH),
                requestLog(server));
        assertEquals(List.of(NEW_REFRESH), tokenFileProbe.refreshTokenOnDisk);
    }

    @Test
    void loginRequiredTellsTheOwnerToAuthorizeAgainAndStopsCallingTesla() throws Exception {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(401)));
        server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(fixture("token-login-required.json"))));
        TeslaFleetService service = service();

        VehicleException e = assertThrows(VehicleException.class, service::fetch);

        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("login_required"), e.getMessage());
        assertTrue(e.getMessage().contains("/chargepriority/oauth/tesla"), e.getMessage());
        assertFalse(service.isAuthorized());
        assertEquals(false, service.diagnostics().get("authorized"));
        assertFalse(Files.exists(tokenDir.resolve(TokenStore.TOKEN_FILE)), "the dead login is removed");

        clock.advance(Duration.ofHours(1));
        VehicleException again = assertThrows(VehicleException.class, service::fetch);
        assertEquals(Kind.AUTHENTICATION, again.kind());
        assertTrue(again.getMessage().contains("/chargepriority/oauth/tesla"), again.getMessage());
        assertEquals(List.of("GET " + VEHICLE_PATH, "POST " + TOKEN_PATH), requestLog(server),
                "no more calls until the owner signs in again");
    }

    @Test
    void invalidGrantIsALostLoginToo() {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(401)));
        server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("token-invalid-grant.json"))));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertTrue(e.getMessage().contains("/chargepriority/oauth/tesla"), e.getMessage());
    }

    @Test
    void aSecond401AfterARefreshIsNotRetriedAgain() {
        server.stubFor(get(VEHICLE_PATH).willReturn(aResponse().withStatus(401)));
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-refreshed.json"))));

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertEquals(List.of("GET " + VEHICLE_PATH, "POST " + TOKEN_PATH, "GET " + VEHICLE_PATH), requestLog(server));
    }

    @Test
    void twoCallersRejectedAtOnceSpendTheRefreshTokenOnlyOnce() throws Exception {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-refreshed.json")).withFixedDelay(300)));
        TeslaConfig config = config(server, tokenDir).build();
        TeslaTokenManager tokens = new TeslaTokenManager(new TokenStore(tokenDir),
                new TokenEndpointClient(HttpTransport.create(Duration.ofSeconds(2), Duration.ofSeconds(5)), config),
                clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(() -> tokens.refreshAfterRejection(OLD_ACCESS));
            Future<String> b = pool.submit(() -> tokens.refreshAfterRejection(OLD_ACCESS));

            assertEquals(NEW_ACCESS, a.get(10, TimeUnit.SECONDS));
            assertEquals(NEW_ACCESS, b.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size());
        assertEquals(NEW_REFRESH, new TokenStore(tokenDir).load().orElseThrow().refreshToken());
    }
}
