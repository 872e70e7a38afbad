package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.geo.Fixtures;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * Shared set-up for the Tesla tests: a WireMock server on 127.0.0.1 standing in for Tesla's sign-in service and
 * Fleet API, a configuration pointing at it, and helpers to read what was sent.
 */
@NonNullByDefault
final class TeslaTestSupport {

    static final String VIN = "XP7YGCEK5PB000001";
    static final String CLIENT_ID = "0d5c1f7e-3b8a-4c2e-9f61-7a8b9c0d1e2f";
    static final String CLIENT_SECRET = "ta-secret.cp-test-5d41402abc4b2a76b9719d911017c592";
    static final String TOKEN_PATH = "/oauth2/v3/token";
    static final String AUTHORIZE_PATH = "/oauth2/v3/authorize";
    static final String VEHICLE_PATH = "/api/1/vehicles/" + VIN;
    static final String VEHICLE_DATA_PATH = VEHICLE_PATH + "/vehicle_data";
    /** A Monday morning in the middle of March 2025 (CET/CEST doesn't matter mid-month). */
    static final Instant START = Instant.parse("2025-03-17T08:30:00Z");

    private TeslaTestSupport() {
    }

    static WireMockServer startServer(Extension... extensions) {
        WireMockServer server = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").extensions(extensions));
        server.start();
        return server;
    }

    static TeslaConfig.Builder config(WireMockServer server, Path tokenDir) {
        return TeslaConfig.builder().clientId(CLIENT_ID).clientSecret(CLIENT_SECRET).region(TeslaRegion.EU).vin(VIN)
                .authorizeUrl(server.baseUrl() + AUTHORIZE_PATH).tokenUrl(server.baseUrl() + TOKEN_PATH)
                .apiBaseUrl(server.baseUrl()).tokenDir(tokenDir).requestTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2));
    }

    static void saveTokens(Path tokenDir, String access, String refresh, Instant expiresAt) throws IOException {
        new TokenStore(tokenDir).save(new TeslaTokens(access, refresh, expiresAt));
    }

    static String fixture(String name) {
        return Fixtures.read("tesla/" + name);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The requests the server saw, oldest first, as "METHOD path". WireMock lists the newest first. */
    static List<String> requestLog(WireMockServer server) {
        List<String> log = new ArrayList<>(server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl().replaceFirst("\\?.*", ""))
                .toList());
        Collections.reverse(log);
        return log;
    }
}
