package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's files over real HTTP: what a browser loads, with the right types and caching, nothing from outside
 * the bundle, and every element a browser test needs.
 */
class DashboardServletTest {

    private static final Pattern LOCAL_REF = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from\\s+'\\./([^']+)'");

    @TempDir
    Path dir;
    WebTestServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        server = WebTestServer.start(dir);
        http = Http.to(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardServletTest.class.getClassLoader().getResourceAsStream("web/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDashboardIsServedAsHtmlThatRevalidates() throws Exception {
        Http.Answer a = http.get("/chargepriority/");

        assertEquals(200, a.status());
        assertEquals("text/html;charset=utf-8", a.header("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
        assertEquals("no-cache", a.header("Cache-Control").orElseThrow());
        assertTrue(a.header("ETag").isPresent());
        String csp = a.header("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertEquals("nosniff", a.header("X-Content-Type-Options").orElseThrow());
        assertTrue(a.body().contains("<title>Charge Priority</title>"));
    }

    @Test
    void withoutTheSlashTheDashboardRedirects() throws Exception {
        Http.Answer a = http.get("/chargepriority");
        assertEquals(302, a.status());
        assertTrue(a.header("Location").orElseThrow().endsWith("/chargepriority/"), a.header("Location").get());
    }

    @Test
    void everyFileThePageLoadsIsServedFromTheBundleWithItsType() throws Exception {
        String html = http.get("/chargepriority/").body();
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = LOCAL_REF.matcher(html);
        while (m.find()) {
            refs.add(m.group(1));
        }
        for (String js : List.of("app.js", "api.js", "live.js", "chart.js", "i18n.js")) {
            Matcher im = IMPORT.matcher(resource(js));
            while (im.find()) {
                refs.add(im.group(1));
            }
        }
        assertTrue(refs.containsAll(List.of("style.css", "app.js", "favicon.svg", "i18n.js", "api.js", "live.js",
                "chart.js", "vendor/uplot-1.6.30/uPlot.iife.min.js", "vendor/uplot-1.6.30/uPlot.min.css")),
                refs.toString());
        for (String ref : refs) {
            assertFalse(ref.contains("//"), "no CDN or other host: " + ref);
            Http.Answer a = http.get("/chargepriority/" + ref);
            assertEquals(200, a.status(), ref);
            String type = a.header("Content-Type").orElseThrow().toLowerCase();
            String expected = ref.endsWith(".js") ? "text/javascript" : ref.endsWith(".css") ? "text/css"
                    : ref.endsWith(".svg") ? "image/svg+xml" : "?";
            assertTrue(type.startsWith(expected), ref + " served as " + type);
            assertTrue(a.bytes().length > 0, ref);
        }
    }

    @Test
    void uPlotComesFromTheWebJarAndIsCachedForAYear() throws Exception {
        Http.Answer a = http.get("/chargepriority/vendor/uplot-1.6.30/uPlot.iife.min.js");

        assertEquals(200, a.status());
        assertTrue(a.body().contains("uPlot"));
        assertEquals("public, max-age=31536000, immutable", a.header("Cache-Control").orElseThrow());
        assertEquals(200, http.get("/chargepriority/vendor/uplot-1.6.30/LICENSE").status());
        assertEquals(404, http.get("/chargepriority/vendor/uplot-1.6.30/package.json").status());
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        Http.Answer first = http.get("/chargepriority/app.js");
        String etag = first.header("ETag").orElseThrow();

        Http.Answer again = http.get("/chargepriority/app.js", "If-None-Match", etag);

        assertEquals(304, again.status());
        assertEquals(0, again.bytes().length);
        assertEquals(200, http.get("/chargepriority/app.js", "If-None-Match", "\"other\"").status());
    }

    @Test
    void onlyTheDashboardsOwnFilesAreServed() throws Exception {
        for (String path : List.of("/chargepriority/nothing.js", "/chargepriority/web/index.html",
                "/chargepriority/.hidden", "/chargepriority/vendor/x.js",
                "/chargepriority/org/openhab/binding/chargepriority/internal/web/ApiServlet.class",
                "/chargepriority/META-INF/MANIFEST.MF", "/chargepriority/simplelogger.properties",
                "/chargepriority/%2e%2e/%2e%2e/etc/passwd")) {
            Http.Answer a = http.get(path);
            assertTrue(a.status() == 404 || a.status() == 400, path + " -> " + a);
            if (a.status() == 404) {
                assertEquals("not_found", a.json().get("error").getAsString(), path);
            }
        }
    }

    @Test
    void filesAreOnlyRead() throws Exception {
        Http.Answer a = http.send("POST", "/chargepriority/app.js", BodyPublishers.ofString("x"));
        assertEquals(405, a.status());
        assertEquals("GET, HEAD, OPTIONS", a.header("Allow").orElseThrow());
    }

    @Test
    void thePageHasTheHooksABrowserTestNeeds() throws Exception {
        String html = http.get("/chargepriority/").body();
        for (String id : List.of("priority-banner", "priority-title", "priority-reason", "threshold-input",
                "threshold-apply", "update-now", "ws-state", "lang-switch", "last-updated", "next-update",
                "history-chart", "history-24h", "history-7d", "history-30d", "errors-list", "token-dialog",
                "token-input", "token-save")) {
            assertTrue(html.contains("data-testid=\"" + id + "\""), id);
        }
        // Card fields get data-testid="<field>-<vehicle>" from their data-field when a card is made.
        for (String field : List.of("battery", "range", "charging", "location", "updated", "source", "simulated",
                "stale", "action", "reason", "mock-toggle", "error")) {
            assertTrue(html.contains("data-field=\"" + field + "\""), field);
        }
        String app = resource("app.js");
        assertTrue(app.contains("`card-${id}`"));
        assertTrue(app.contains("`${el.dataset.field}-${id}`"));
    }

    @Test
    void everyStringExistsInEnglishAndNorwegian() throws Exception {
        String i18n = resource("i18n.js");
        int nbAt = i18n.indexOf("\n  nb: {");
        assertTrue(nbAt > 0);
        Set<String> en = keys(i18n.substring(i18n.indexOf("\n  en: {"), nbAt));
        Set<String> nb = keys(i18n.substring(nbAt, i18n.indexOf("\n};")));
        assertFalse(en.isEmpty());
        assertEquals(en, nb, "the same keys in both languages");

        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(resource("index.html"));
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String js : List.of("app.js", "api.js", "chart.js")) {
            Matcher call = Pattern.compile("\\bt\\('([A-Za-z0-9_]+)'").matcher(resource(js));
            while (call.find()) {
                used.add(call.group(1));
            }
        }
        used.removeAll(en);
        assertEquals(Set.of(), used, "strings used but not in the dictionary");
    }

    private static Set<String> keys(String block) {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s{4}'?([A-Za-z0-9_-]+)'?:", Pattern.MULTILINE).matcher(block);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void theScriptsAreValidJavaScript() throws Exception {
        // node is the only JavaScript engine at hand; without it this check cannot run.
        Process which;
        try {
            which = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("node is not installed");
            return;
        }
        which.waitFor();
        for (String js : List.of("app.js", "api.js", "live.js", "chart.js", "i18n.js")) {
            Path file = dir.resolve(js.replace(".js", ".mjs"));
            java.nio.file.Files.writeString(file, resource(js));
            Process p = new ProcessBuilder("node", "--check", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), js + ": " + out);
        }
    }
}
