package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The owner's sign-in, end to end against a local stand-in for Tesla's sign-in service.
 */
@NonNullByDefault
class TeslaOAuthTest {

    private static final URI REDIRECT = URI.create("http://openhab.local:8080/chargepriority/oauth/tesla/callback");
    private static final String ACCESS = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJodHRwczovL2ZsZWV0LWF1dGgudGVzbGEuY29tIiwic3ViIjoiYW5vbiJ9.c2lnbmF0dXJlLWZpcnN0";
    private static final String REFRESH = "EU_a90869e9d2c84b2b8f3d1e6a7b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c";

    private @TempDir Path tmp;
    private WireMockServer server = new WireMockServer();
    private MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Oslo"));
    private Path tokenDir = Path.of("unset");
    private @NonNullByDefault({}) TeslaFleetService service;

    @BeforeEach
    void setUp() {
        server = startServer();
        tokenDir = tmp.resolve("tesla");
        service = new TeslaFleetService(config(server, tokenDir).build(), clock, null, d -> {
        });
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void authorizeUrlAsksForTheScopesWithAnS256ChallengeAndARandomState() {
        URI url = service.oauth().authorizeUrl(REDIRECT);
        Map<String, String> q = parseForm(url.getRawQuery());

        assertTrue(url.toString().startsWith(server.baseUrl() + AUTHORIZE_PATH + "?"));
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT_ID, q.get("client_id"));
        assertEquals(REDIRECT.toString(), q.get("redirect_uri"));
        assertEquals("openid offline_access vehicle_device_data vehicle_location", q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(q.get("code_challenge").matches("[A-Za-z0-9_-]{43}"), "base64url SHA-256 without padding");
        assertTrue(q.get("state").length() >= 43, "state carries 256 random bits");

        Map<String, String> again = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery());
        assertNotEquals(q.get("state"), again.get("state"));
        assertNotEquals(q.get("code_challenge"), again.get("code_challenge"));
    }

    @Test
    void callbackExchangesTheCodeWithVerifierAndAudienceAndSavesTheTokensPrivately() throws Exception {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-response.json"))));
        Map<String, String> q = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery());
        assertFalse(service.isAuthorized());

        service.oauth().exchange(q.get("state"), "EU_0a1b2c3d4e5f-code", REDIRECT);

        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertEquals(1, posts.size());
        assertEquals("application/x-www-form-urlencoded", posts.get(0).getHeader("Content-Type"));
        Map<String, String> form = parseForm(posts.get(0).getBodyAsString());
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(CLIENT_ID, form.get("client_id"));
        assertEquals(CLIENT_SECRET, form.get("client_secret"));
        assertEquals("EU_0a1b2c3d4e5f-code", form.get("code"));
        assertEquals(REDIRECT.toString(), form.get("redirect_uri"));
        assertEquals("https://fleet-api.prd.eu.vn.cloud.tesla.com", form.get("audience"),
                "audience is the region's Fleet API, even when API calls go elsewhere");
        assertEquals(q.get("code_challenge"), Pkce.challengeFor(form.get("code_verifier")),
                "the verifier sent matches the challenge the browser carried");

        assertTrue(service.isAuthorized());
        TeslaTokens saved = new TokenStore(tokenDir).load().orElseThrow();
        assertEquals(ACCESS, saved.accessToken());
        assertEquals(REFRESH, saved.refreshToken());
        assertEquals(START.plus(Duration.ofSeconds(28800)), saved.accessTokenExpiresAt());

        assertEquals("rwx------", permissions(tokenDir));
        assertEquals("rw-------", permissions(tokenDir.resolve(TokenStore.TOKEN_FILE)));
        assertEquals("rw-------", permissions(tokenDir.resolve(TokenStore.KEY_FILE)));
        String onDisk = Files.readString(tokenDir.resolve(TokenStore.TOKEN_FILE), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(REFRESH), "refresh token is encrypted at rest");
        assertFalse(onDisk.contains(REFRESH.substring(3, 20)));
        assertFalse(onDisk.contains(ACCESS));
    }

    @Test
    void callbackWithAnUnknownStateIsRefusedAndNothingIsSentToTesla() {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-response.json"))));
        service.oauth().authorizeUrl(REDIRECT);

        OAuthStateException e = assertThrows(OAuthStateException.class,
                () -> service.oauth().exchange("forged-state-from-another-site", "EU_code", REDIRECT));

        assertTrue(e.getMessage().contains("state mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("/chargepriority/oauth/tesla"), e.getMessage());
        assertEquals(0, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size());
        assertFalse(service.isAuthorized());
    }

    @Test
    void aStateCanBeUsedOnlyOnce() throws Exception {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-response.json"))));
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");
        service.oauth().exchange(state, "EU_code-1", REDIRECT);

        assertThrows(OAuthStateException.class, () -> service.oauth().exchange(state, "EU_code-2", REDIRECT));
        assertEquals(1, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size());
    }

    @Test
    void aSignInOlderThanTenMinutesIsRefused() {
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");
        clock.advance(Duration.ofMinutes(11));

        OAuthStateException e = assertThrows(OAuthStateException.class,
                () -> service.oauth().exchange(state, "EU_code", REDIRECT));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(0, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size());
    }

    @Test
    void aCodeFromAnAccountInAnotherRegionIsExplained() {
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");

        VehicleException e = assertThrows(VehicleException.class,
                () -> service.oauth().exchange(state, "NA_4f1c2b3a-code", REDIRECT));
        assertEquals(Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("region NA"), e.getMessage());
        assertEquals(0, server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size());
    }

    @Test
    void anExpiredCodeTellsTheOwnerToSignInAgain() {
        server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_auth_code\","
                        + "\"error_description\":\"The authorization code is invalid\"}")));
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");

        VehicleException e = assertThrows(VehicleException.class,
                () -> service.oauth().exchange(state, "EU_stale-code", REDIRECT));
        assertEquals(Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("/chargepriority/oauth/tesla"), e.getMessage());
        assertFalse(service.isAuthorized());
    }

    @Test
    void aWrongClientSecretIsAConfigurationErrorThatDoesNotRepeatTheSecret() {
        server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");

        VehicleException e = assertThrows(VehicleException.class,
                () -> service.oauth().exchange(state, "EU_code", REDIRECT));
        assertEquals(Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("client secret"), e.getMessage());
        assertFalse(e.getMessage().contains(CLIENT_SECRET));
    }

    @Test
    void signingOutForgetsTheSavedLogin() throws Exception {
        server.stubFor(post(TOKEN_PATH).willReturn(okJson(fixture("token-response.json"))));
        String state = parseForm(service.oauth().authorizeUrl(REDIRECT).getRawQuery()).get("state");
        service.oauth().exchange(state, "EU_code", REDIRECT);

        service.oauth().signOut();

        assertFalse(service.isAuthorized());
        assertFalse(Files.exists(tokenDir.resolve(TokenStore.TOKEN_FILE)));
    }
}
