package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * Tonight's plan on the dashboard, in a real headless Chromium against the real runtime. It starts with the shipped
 * configuration (simulated cars, no price source): the snapshot rule decides until departures for both cars are set in
 * the editor; then the timeline shows which car is on the charger, without a price line. A bad departure is refused
 * with the server's words. Then the runtime is restarted with spot prices (a local hvakosterstrommen stand-in serving
 * a recorded NO1 day, re-dated) while the page stays open: the page reconnects, the new plan arrives as a plan_update
 * over the WebSocket and the price curve is drawn without a reload. Last, Norwegian and a phone's width.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanDashboardIT {

    private static final Pattern PATH = Pattern.compile("/api/v1/prices/(\\d{4})/(\\d\\d)-(\\d\\d)_NO1\\.json");
    private static final Map<String, String> NAMES = Map.of("tesla", "Tesla Model Y", "ioniq", "Hyundai Ioniq 5");

    /**
     * Installed before the page's scripts run: records each plan_update the dashboard's WebSocket receives, and marks
     * the document so that a test can tell it was not reloaded.
     */
    private static final String RECORD_PLAN_UPDATES = """
            window.__planUpdates = [];
            window.__sameDocument = true;
            const Original = window.WebSocket;
            window.WebSocket = class extends Original {
              constructor(...args) {
                super(...args);
                this.addEventListener('message', (event) => {
                  try {
                    const m = JSON.parse(event.data);
                    if (m.type === 'plan_update') {
                      window.__planUpdates.push({ active: m.active, prices_known: m.prices_known,
                        created_at: m.created_at, slots: (m.slots || []).length });
                    }
                  } catch (e) { /* not JSON */ }
                });
              }
            };
            """;

    private static HttpServer prices;
    private static RuntimeProcess runtime;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browsers.installed(),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them): browser test skipped");
        List<Double> recorded = RuntimePlanIT.recordedDay();
        prices = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prices.createContext("/", exchange -> {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            byte[] body = m.matches()
                    ? RuntimePlanIT.dayJson(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3))), recorded).getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.sendResponseHeaders(m.matches() ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        prices.start();
        runtime = RuntimeProcess.create("plan-browser"); // the shipped cfg: simulated cars, price.source=none
        runtime.start();
        // A known starting point: both cars at home, not charging, both below the 90 % they will be asked for.
        simulate("tesla", "{\"battery_percent\": 50, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");
        simulate("ioniq", "{\"battery_percent\": 37, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");
        browser = Browsers.start(runtime.workDir().resolve("chromium-profile"), "1280,1400");
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_PLAN_UPDATES));
        browser.get(runtime.uri("/chargepriority/").toString());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (prices != null) {
            prices.stop(0);
        }
    }

    private static void simulate(String car, String body) {
        HttpResponse<String> r = runtime.send("PUT", "/chargepriority/api/simulation/" + car, body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static List<WebElement> allByTestId(String id) {
        return browser.findElements(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static List<WebElement> bandsOf(String car) {
        return browser.findElements(By.cssSelector("[data-testid='plan-band'][data-vehicle='" + car + "']"));
    }

    private static String carLine(String car) {
        List<WebElement> lines = browser
                .findElements(By.cssSelector("[data-testid='plan-car'][data-vehicle='" + car + "']"));
        return lines.isEmpty() ? "" : lines.get(0).getText();
    }

    private static JsonObject departure(String car) {
        HttpResponse<String> r = runtime.get("/chargepriority/api/vehicles/" + car + "/departure");
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static void shot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), runtime.workDir().resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Chooses the car in the editor and waits until its current departures are loaded into the form. */
    private static void editorFor(String car) {
        new Select(byTestId("departure-car")).selectByValue(car);
        String text = departure(car).get("departures_text").getAsString();
        wait.until(d -> text.equals(byTestId("departure-times").getAttribute("value")));
    }

    private static void type(String testId, String text) {
        WebElement input = byTestId(testId);
        input.clear();
        input.sendKeys(text);
    }

    @Test
    @Order(1)
    void withoutDeparturesOrPricesTheSnapshotRuleDecides() {
        wait.until(d -> !byTestId("plan-message").getText().isBlank());
        assertEquals("false", byTestId("plan-panel").getAttribute("data-active"));
        assertEquals("rule", byTestId("plan-note").getAttribute("data-kind"));
        assertTrue(byTestId("plan-note").getText().contains("the charge threshold rule decides"),
                byTestId("plan-note").getText());
        assertFalse(byTestId("plan-timeline").isDisplayed(), "no timeline while the rule decides");
        assertTrue(allByTestId("plan-band").isEmpty());
        assertTrue(allByTestId("plan-car").isEmpty());
    }

    @Test
    @Order(2)
    void departuresForBothCarsSetInTheEditorAreDrawnAsBandsWithoutPrices() throws Exception {
        for (String car : List.of("tesla", "ioniq")) {
            editorFor(car);
            type("departure-times", "Mon-Sun 07:30");
            type("departure-target", "90");
            byTestId("departure-save").click();
            wait.until(d -> byTestId("departure-message").getText()
                    .startsWith("Saved: the " + NAMES.get(car) + " leaves 07:30"));
            assertEquals("ok", byTestId("departure-message").getAttribute("data-kind"));
            assertEquals(90, departure(car).get("target_percent").getAsInt());
        }
        wait.until(d -> "true".equals(byTestId("plan-panel").getAttribute("data-active")));
        for (String car : List.of("tesla", "ioniq")) {
            wait.until(d -> carLine(car).contains("(target 90 %)") && carLine(car).contains("leaves 07:30"));
            wait.until(d -> !bandsOf(car).isEmpty());
            // the band has the car's colour on its card
            String cardColor = byTestId("card-" + car).getAttribute("data-color");
            assertFalse(cardColor == null || cardColor.isBlank(), "the card of the " + car + " has a colour");
            for (WebElement band : bandsOf(car)) {
                assertEquals(cardColor, band.getAttribute("data-color"), "band colour of the " + car);
                assertEquals(cardColor,
                        band.findElement(By.tagName("rect")).getAttribute("fill"), "band fill of the " + car);
            }
        }
        assertNotEquals(bandsOf("tesla").get(0).getAttribute("data-color"),
                bandsOf("ioniq").get(0).getAttribute("data-color"), "two cars, two colours");
        String message = byTestId("plan-message").getText();
        assertTrue(message.matches(".*(Charge the|Plug in the) (Tesla Model Y|Hyundai Ioniq 5) .*\\d\\d:\\d\\d.*"),
                message);
        // no prices: bands without a price line, and a note that says so
        assertTrue(allByTestId("plan-price-line").isEmpty(), "no price line without prices");
        assertEquals("false", byTestId("plan-panel").getAttribute("data-prices-known"));
        assertEquals("no-prices", byTestId("plan-note").getAttribute("data-kind"));
        assertTrue(byTestId("plan-note").getText().startsWith("No spot prices known"), byTestId("plan-note").getText());
        assertEquals("–", byTestId("plan-cost").getText());
        // one charger, two cars: the cable is swapped once, at the time shown below the timeline
        List<WebElement> swaps = allByTestId("plan-swap-mark");
        assertEquals(1, swaps.size(), "the swap is marked on the timeline");
        String swap = byTestId("plan-swap").getText();
        assertTrue(swap.matches("\\d\\d:\\d\\d"), swap);
        assertEquals(swap, swaps.get(0).getAttribute("data-time"));
        assertFalse(allByTestId("plan-reason").isEmpty(), "the plan's reasons are listed");
        String legend = byTestId("plan-legend").getText();
        assertTrue(legend.contains("Tesla Model Y") && legend.contains("Hyundai Ioniq 5") && legend.contains("Cable swap"),
                legend);
        shot("plan-no-prices-en.png");
    }

    @Test
    @Order(3)
    void badDeparturesAreRefusedWithTheServersWordsAndChangeNothing() {
        JsonObject before = departure("ioniq");
        String planCar = carLine("ioniq");
        HttpResponse<String> direct = runtime.send("PUT", "/chargepriority/api/vehicles/ioniq/departure",
                "{\"target_percent\": 5}");
        assertEquals(422, direct.statusCode(), direct.body());
        String detail = JsonParser.parseString(direct.body()).getAsJsonObject().get("detail").getAsString();

        editorFor("ioniq");
        type("departure-target", "5");
        byTestId("departure-save").click();
        wait.until(d -> "error".equals(byTestId("departure-message").getAttribute("data-kind")));
        assertEquals("That did not work: " + detail, byTestId("departure-message").getText());

        type("departure-target", "90");
        type("departure-times", "Mon-Fri 25:00");
        byTestId("departure-save").click();
        wait.until(d -> byTestId("departure-message").getText().contains("25:00")
                || byTestId("departure-message").getText().contains("departures"));
        assertEquals("error", byTestId("departure-message").getAttribute("data-kind"));
        assertTrue(byTestId("departure-message").getText().startsWith("That did not work: "),
                byTestId("departure-message").getText());

        assertEquals(before, departure("ioniq"), "nothing applied");
        assertEquals(planCar, carLine("ioniq"), "the plan is unchanged");
    }

    @Test
    @Order(4)
    void withPricesTheNewPlanArrivesOverTheWebSocketAndIsDrawnAsACurve() throws Exception {
        // The runtime asks a newly configured price source at its next quarter-hour tick only, so it is restarted
        // with the source configured (departures are kept in the cfg); the page stays open and reconnects.
        runtime.stop();
        wait.until(d -> !"connected".equals(byTestId("ws-state").getAttribute("data-state")));
        runtime.withConfig("price.source", "hvakosterstrommen").withConfig("price.area", "NO1")
                .withConfig("price.baseUrl", "http://127.0.0.1:" + prices.getAddress().getPort());
        runtime.start();
        simulate("tesla", "{\"battery_percent\": 50, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");
        simulate("ioniq", "{\"battery_percent\": 37, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");
        wait.until(d -> "connected".equals(byTestId("ws-state").getAttribute("data-state")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !allByTestId("plan-price-line").isEmpty());
        assertEquals(Boolean.TRUE, browser.executeScript("return window.__sameDocument === true;"),
                "drawn without a reload");
        wait.until(d -> Boolean.TRUE.equals(browser.executeScript(
                "return window.__planUpdates.some(u => u.active && u.prices_known && u.slots > 0);")));
        assertEquals("true", byTestId("plan-panel").getAttribute("data-prices-known"));
        String path = byTestId("plan-price-line").getAttribute("d");
        assertTrue(path.matches("M[\\d.]+,[\\d.]+H[\\d.]+(V[\\d.]+H[\\d.]+)+.*"), "a step line: " + path);
        assertEquals("", byTestId("plan-note").getText(), "no note when the prices are known");
        wait.until(d -> byTestId("plan-cost").getText().matches(".*\\d.*"));
        assertTrue(byTestId("plan-cost").getText().contains("NOK"), byTestId("plan-cost").getText());
        assertTrue(byTestId("plan-legend").getText().contains("Spot price (NOK/kWh)"), byTestId("plan-legend").getText());
        wait.until(d -> !bandsOf("ioniq").isEmpty() || !bandsOf("tesla").isEmpty());
        shot("plan-prices-en.png");
    }

    @Test
    @Order(5)
    void speaksNorwegianAndFitsAPhone() throws Exception {
        byTestId("lang-switch").click();
        wait.until(d -> "Nattens plan".equals(browser.findElement(By.id("plan-title")).getText()));
        wait.until(d -> byTestId("plan-message").getText().matches("(Lad|Plugg inn|Ingen) .*"));
        assertTrue(carLine("ioniq").contains("ved avreise (mål 90 %)"), carLine("ioniq"));
        assertTrue(carLine("ioniq").contains("kjører 07:30"), carLine("ioniq"));
        assertTrue(byTestId("plan-legend").getText().contains("Spotpris (NOK/kWh)"), byTestId("plan-legend").getText());
        String reasons = byTestId("plan-reasons").getText();
        assertFalse(reasons.contains("The ") || reasons.contains(" charges "), "the reasons in Norwegian: " + reasons);
        assertEquals("Neste kabelbytte", browser.findElement(By.cssSelector("#plan-panel dt")).getAttribute("textContent"));
        assertEquals("Lagre", byTestId("departure-save").getText());

        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> ((Long) browser.executeScript("return window.innerWidth;")) < 500);
        // the timeline is drawn again at the box's new width
        wait.until(d -> {
            Object fits = browser.executeScript("""
                    const box = document.getElementById('plan-timeline');
                    const svg = box.querySelector('svg');
                    return svg !== null && Math.abs(Number(svg.getAttribute('width')) - box.clientWidth) <= 2;
                    """);
            return Boolean.TRUE.equals(fits);
        });
        Thread.sleep(300);
        assertEquals("", Browsers.horizontalOverflow(browser), "no horizontal scrolling at phone width");
        browser.executeScript("document.getElementById('plan-panel').scrollIntoView()");
        shot("plan-phone-nb.png");
    }
}
