package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * The night plan in the standalone runtime as a user runs it: prices from hvakosterstrommen.no (a local stand-in
 * serving a recorded NO1 day, 2023-01-10, re-dated to the days asked for), a departure set over REST, written back to
 * {@code conf/chargepriority.cfg} and kept across a restart, and the price source asked once a day, not per update.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimePlanIT {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Pattern PATH = Pattern.compile("/api/v1/prices/(\\d{4})/(\\d\\d)-(\\d\\d)_NO1\\.json");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static HttpServer prices;
    private static final Map<LocalDate, AtomicInteger> asked = new ConcurrentHashMap<>();
    private static RuntimeProcess runtime;

    @BeforeAll
    static void start() throws IOException {
        List<Double> recorded = recordedDay();
        prices = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prices.createContext("/", exchange -> {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            byte[] body;
            int status;
            if (m.matches()) {
                LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                asked.computeIfAbsent(day, d -> new AtomicInteger()).incrementAndGet();
                body = dayJson(day, recorded).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        prices.start();
        runtime = RuntimeProcess.create("plan").withConfig("price.source", "hvakosterstrommen")
                .withConfig("price.area", "NO1")
                .withConfig("price.baseUrl", "http://127.0.0.1:" + prices.getAddress().getPort());
        runtime.start();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (prices != null) {
            prices.stop(0);
        }
    }

    /** The 24 prices of the recorded day, in order. */
    static List<Double> recordedDay() throws IOException {
        Path file = Path.of("../binding/src/test/resources/prices/hvakosterstrommen-2023-01-10_NO1.json");
        List<Double> result = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            result.add(e.getAsJsonObject().get("NOK_per_kWh").getAsDouble());
        }
        assertEquals(24, result.size());
        return result;
    }

    /** The recorded prices as the answer for another day, hour by hour in Oslo time (23 or 25 hours on DST days). */
    static String dayJson(LocalDate day, List<Double> recorded) {
        StringBuilder json = new StringBuilder("[");
        ZonedDateTime t = day.atStartOfDay(OSLO);
        for (int h = 0; t.toLocalDate().equals(day); h++, t = t.plusHours(1)) {
            if (h > 0) {
                json.append(',');
            }
            json.append(String.format(java.util.Locale.ROOT,
                    "{\"NOK_per_kWh\":%s,\"time_start\":\"%s\",\"time_end\":\"%s\"}", recorded.get(h % 24),
                    t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    t.plusHours(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        }
        return json.append(']').toString();
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject plan() {
        return json(runtime.get("/chargepriority/api/plan"));
    }

    private static void await(String what, BooleanSupplier condition) {
        RuntimeProcess.await(what, WAIT, condition);
    }

    @Test
    @Order(1)
    void thePlanUsesTheAreasPricesAndTheSourceIsAskedOnceADay() throws InterruptedException {
        await("prices in the plan", () -> plan().getAsJsonObject("prices").get("known_slots").getAsInt() >= 23);
        JsonObject plan = plan();
        assertTrue(plan.get("active").getAsBoolean(), "known prices are something to plan by");
        assertEquals("hvakosterstrommen", plan.getAsJsonObject("prices").get("source").getAsString());
        assertEquals("NOK", plan.get("currency").getAsString());
        JsonObject first = plan.getAsJsonArray("slots").get(0).getAsJsonObject();
        assertFalse(first.get("price").isJsonNull(), "the current hour has a price: " + first);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1100); // last_updated has whole seconds
            String before = json(runtime.get("/chargepriority/api/status")).get("last_updated").toString();
            assertEquals(202, runtime.send("POST", "/chargepriority/api/update", null).statusCode());
            await("update " + i, () -> !json(runtime.get("/chargepriority/api/status")).get("last_updated").toString()
                    .equals(before));
        }
        LocalDate today = LocalDate.now(OSLO);
        assertEquals(1, asked.get(today).get(), "today's prices asked once, however many updates: " + asked);
        boolean afterOne = !LocalTime.now(OSLO).isBefore(LocalTime.of(13, 0));
        AtomicInteger tomorrow = asked.get(today.plusDays(1));
        if (afterOne) {
            assertEquals(1, tomorrow.get(), "tomorrow's prices are published after 13:00 and asked once");
        } else {
            assertNull(tomorrow, "tomorrow's prices are not asked for before 13:00");
        }
    }

    @Test
    @Order(2)
    void aDepartureSetOverRestIsWrittenToTheConfigurationAndKeptAcrossARestart() throws IOException {
        HttpResponse<String> put = runtime.send("PUT", "/chargepriority/api/vehicles/ioniq/departure",
                "{\"departures\": \"Mon-Fri 07:30, Sat 09:00\", \"target_percent\": 90}");
        JsonObject d = json(put);
        assertEquals("Mon-Fri 07:30, Sat 09:00", d.get("departures_text").getAsString());
        JsonObject plan = plan();
        JsonObject ioniq = plan.getAsJsonArray("vehicles").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(v -> "ioniq".equals(v.get("id").getAsString())).findFirst().orElseThrow();
        assertFalse(ioniq.get("departure").isJsonNull(), ioniq.toString());
        assertEquals(90.0, ioniq.get("target_percent").getAsDouble(), 1e-9);
        Path cfg = runtime.confDir().resolve(RuntimeProcess.CONFIG_FILE);
        await("the cfg file has the departures", () -> {
            try {
                String text = Files.readString(cfg);
                return text.contains("plan.ioniq.departures=Mon-Fri 07\\:30, Sat 09\\:00")
                        || text.contains("plan.ioniq.departures=Mon-Fri 07:30, Sat 09:00");
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(Files.readString(cfg).contains("plan.ioniq.target=90"));

        runtime.stop();
        runtime.start();
        JsonObject after = json(runtime.get("/chargepriority/api/vehicles/ioniq/departure"));
        assertEquals("Mon-Fri 07:30, Sat 09:00", after.get("departures_text").getAsString());
        assertEquals(90, after.get("target_percent").getAsInt());

        HttpResponse<String> bad = runtime.send("PUT", "/chargepriority/api/vehicles/ioniq/departure",
                "{\"departures\": \"Mon-Fri 25:00\"}");
        assertEquals(422, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"field\":\"departures\""), bad.body());
        assertEquals("Mon-Fri 07:30, Sat 09:00", json(runtime.get("/chargepriority/api/vehicles/ioniq/departure"))
                .get("departures_text").getAsString(), "nothing applied");
        assertEquals(List.of(), runtime.errorLines(), "no error in the log");
    }
}
