package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS, the same-origin rule for changes, and the optional API token, over real HTTP.
 */
class ApiSecurityTest {

    private static final String TOKEN = "0k-this-is-the-household-token";
    private static final String FRIEND = "http://laptop.local:3000";

    @TempDir
    Path dir;
    WebTestServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Http serve(String token, String... origins) throws Exception {
        server = WebTestServer.start(dir, new WebSecurity(token, List.of(origins)));
        return Http.to(server);
    }

    private int threshold() throws Exception {
        return server.household.settings().chargeThreshold();
    }

    // ---- origins and CORS ----

    @Test
    void pagesOnTheServersOwnOriginAndAllowedOriginsMayReadTheApi() throws Exception {
        Http http = serve(null, FRIEND);

        Http.Answer own = http.get("/chargepriority/api/status", "Origin", server.origin());
        assertEquals(200, own.status());
        assertEquals(server.origin(), own.header("Access-Control-Allow-Origin").orElseThrow());

        Http.Answer friend = http.get("/chargepriority/api/status", "Origin", FRIEND);
        assertEquals(200, friend.status());
        assertEquals(FRIEND, friend.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(friend.headers("Vary").contains("Origin"));
    }

    @Test
    void aForeignPageGetsNoCorsHeadersSoItsBrowserHidesTheAnswer() throws Exception {
        Http http = serve(null, FRIEND);
        Http.Answer a = http.get("/chargepriority/api/status", "Origin", "http://evil.example");
        assertTrue(a.header("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void changesFromAForeignOriginAreRefusedAndChangeNothing() throws Exception {
        Http http = serve(null, FRIEND);
        long readings = server.store.count("battery_readings");

        Http.Answer threshold = http.put("/chargepriority/api/settings/threshold?threshold=90", null, "Origin",
                "http://evil.example");
        Http.Answer update = http.post("/chargepriority/api/update", "Origin", "http://evil.example");
        Http.Answer mock = http.put("/chargepriority/api/settings/mock-mode/ioniq", "{\"enabled\": false}",
                "Origin", "null");
        Http.Answer sim = http.put("/chargepriority/api/simulation/ioniq", "{\"battery_percent\": 5}", "Origin",
                "http://192.168.1.66:8000");

        for (Http.Answer a : List.of(threshold, update, mock, sim)) {
            assertEquals(403, a.status(), a::toString);
            assertEquals("forbidden_origin", a.json().get("error").getAsString());
            assertEquals("Origin", a.json().get("field").getAsString());
        }
        assertEquals(80, threshold());
        Thread.sleep(100);
        assertEquals(readings, server.store.count("battery_readings"), "no update ran");
        assertTrue(server.household.settings().mockMode("ioniq"));
    }

    @Test
    void changesFromOwnOriginAnAllowedOriginOrWithoutOriginWork() throws Exception {
        Http http = serve(null, FRIEND);

        assertEquals(200, http.put("/chargepriority/api/settings/threshold?threshold=81", null, "Origin",
                server.origin()).status());
        assertEquals(200, http.put("/chargepriority/api/settings/threshold?threshold=82", null, "Origin", FRIEND)
                .status());
        assertEquals(200, http.put("/chargepriority/api/settings/threshold?threshold=83", null).status());
        assertEquals(83, threshold());
    }

    @Test
    void preflightsAreAnsweredForAllowedOriginsOnly() throws Exception {
        Http http = serve(null, FRIEND);

        Http.Answer ok = http.send("OPTIONS", "/chargepriority/api/settings/threshold", BodyPublishers.noBody(),
                "Origin", FRIEND, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers",
                "authorization");
        assertEquals(204, ok.status());
        assertEquals(FRIEND, ok.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(ok.header("Access-Control-Allow-Methods").orElseThrow().contains("PUT"));
        assertTrue(ok.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));

        Http.Answer refused = http.send("OPTIONS", "/chargepriority/api/settings/threshold", BodyPublishers.noBody(),
                "Origin", "http://evil.example", "Access-Control-Request-Method", "PUT");
        assertEquals(403, refused.status());
        assertEquals("forbidden_origin", refused.json().get("error").getAsString());
        assertTrue(refused.header("Access-Control-Allow-Origin").isEmpty());
    }

    // ---- token ----

    @Test
    void withATokenTheApiNeedsIt() throws Exception {
        Http http = serve(TOKEN);

        Http.Answer none = http.get("/chargepriority/api/status");
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("error").getAsString());
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertEquals(401, http.get("/chargepriority/api/status", "Authorization", "Bearer wrong").status());
        assertEquals(401, http.get("/chargepriority/api/status", "Authorization", "Bearer " + TOKEN + "x").status());
        assertEquals(401, http.get("/chargepriority/api/status", "Authorization", "Basic " + TOKEN).status());
        assertEquals(401, http.get("/chargepriority/api/status?token=" + TOKEN).status(),
                "the query parameter is for the WebSocket only");
        assertEquals(401, http.get("/chargepriority/api/nothing").status(), "no probing for paths without it");

        assertEquals(200, http.get("/chargepriority/api/status", "Authorization", "Bearer " + TOKEN).status());
        assertEquals(200, http.get("/chargepriority/api/status", "Authorization", "bearer " + TOKEN).status());
    }

    @Test
    void aChangeWithAWrongTokenChangesNothing() throws Exception {
        Http http = serve(TOKEN);

        assertEquals(401, http.put("/chargepriority/api/settings/threshold?threshold=95", null, "Authorization",
                "Bearer nope").status());
        assertEquals(80, threshold());

        assertEquals(200, http.put("/chargepriority/api/settings/threshold?threshold=95", null, "Authorization",
                "Bearer " + TOKEN).status());
        assertEquals(95, threshold());
    }

    @Test
    void healthAndTheDashboardFilesStayOpen() throws Exception {
        Http http = serve(TOKEN);
        assertEquals(200, http.get("/chargepriority/health").status());
        assertEquals(200, http.get("/chargepriority/").status());
        assertEquals(200, http.get("/chargepriority/app.js").status());
    }

    @Test
    void theTokenIsNeverInAnAnswer() throws Exception {
        Http http = Http.to(serveAndReturn(), "Authorization", "Bearer " + TOKEN);
        for (String path : List.of("/chargepriority/api/status", "/chargepriority/api/settings",
                "/chargepriority/api/scheduler", "/chargepriority/health", "/chargepriority/api/errors")) {
            assertFalse(http.get(path).body().contains(TOKEN), path);
        }
        assertFalse(server.registry.security().toString().contains(TOKEN));
    }

    private WebTestServer serveAndReturn() throws Exception {
        serve(TOKEN);
        return server;
    }
}
