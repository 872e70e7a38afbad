package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * Tonight's plan on the dashboard, in a real headless Chromium against the real runtime with spot prices from a local
 * hvakosterstrommen stand-in (a recorded NO1 day, re-dated): the timeline over the price curve, a departure set in
 * the editor, a bad one refused with the server's words, Norwegian, and a phone's width.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanDashboardIT {

    private static final Pattern PATH = Pattern.compile("/api/v1/prices/(\\d{4})/(\\d\\d)-(\\d\\d)_NO1\\.json");

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
        runtime = RuntimeProcess.create("plan-browser").withConfig("price.source", "hvakosterstrommen")
                .withConfig("price.baseUrl", "http://127.0.0.1:" + prices.getAddress().getPort());
        runtime.start();
        browser = Browsers.start(runtime.workDir().resolve("chromium-profile"), "1280,1400");
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
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

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static List<WebElement> allByTestId(String id) {
        return browser.findElements(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void shot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), runtime.workDir().resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void thePricesAloneArePlannedAndDrawnAsACurve() {
        wait.until(d -> "true".equals(byTestId("plan-panel").getAttribute("data-active")));
        wait.until(d -> !allByTestId("plan-price-line").isEmpty());
        assertFalse(byTestId("plan-message").getText().isBlank());
        assertFalse(byTestId("plan-timeline").getAttribute("hidden") != null, "the timeline is shown");
    }

    @Test
    @Order(2)
    void aDepartureSetInTheEditorShowsInThePlan() throws Exception {
        new Select(byTestId("departure-car")).selectByValue("ioniq");
        WebElement times = byTestId("departure-times");
        times.clear();
        times.sendKeys("Mon-Sun 07:30");
        WebElement target = byTestId("departure-target");
        target.clear();
        target.sendKeys("90");
        byTestId("departure-save").click();
        wait.until(d -> byTestId("departure-message").getText().startsWith("Saved: the Hyundai Ioniq 5 leaves 07:30"));
        assertEquals("ok", byTestId("departure-message").getAttribute("data-kind"));
        wait.until(d -> browser.findElements(By.cssSelector("[data-testid='plan-car'][data-vehicle='ioniq']")).stream()
                .anyMatch(e -> e.getText().contains("(target 90 %)") && e.getText().contains("leaves")));
        wait.until(d -> !allByTestId("plan-band").isEmpty());
        assertTrue(allByTestId("plan-band").stream().anyMatch(b -> "ioniq".equals(b.getAttribute("data-vehicle"))),
                "the Ioniq has its band on the timeline");
        String message = byTestId("plan-message").getText();
        assertTrue(message.matches(".*(Charge the|Plug in the) .*"), message);
        shot("plan-en.png");
    }

    @Test
    @Order(3)
    void aBadDepartureIsRefusedWithTheServersWordsAndChangesNothing() throws Exception {
        WebElement target = byTestId("departure-target");
        target.clear();
        target.sendKeys("5");
        byTestId("departure-save").click();
        wait.until(d -> byTestId("departure-message").getText().contains("target_percent must be"));
        assertEquals("error", byTestId("departure-message").getAttribute("data-kind"));
        String kept = runtime.get("/chargepriority/api/vehicles/ioniq/departure").body();
        assertEquals(90, JsonParser.parseString(kept).getAsJsonObject().get("target_percent").getAsInt(), kept);
    }

    @Test
    @Order(4)
    void speaksNorwegianAndFitsAPhone() throws Exception {
        byTestId("lang-switch").click();
        wait.until(d -> "Nattens plan".equals(browser.findElement(By.id("plan-title")).getText()));
        wait.until(d -> byTestId("plan-message").getText().matches("(Lad|Plugg inn|Ingen) .*"));
        assertTrue(browser.findElements(By.cssSelector("[data-testid='plan-car'][data-vehicle='ioniq']")).get(0)
                .getText().contains("ved avreise (mål 90 %)"));
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> ((Long) browser.executeScript("return window.innerWidth;")) < 500);
        Thread.sleep(500);
        String overflow = Browsers.horizontalOverflow(browser);
        assertEquals("", overflow, "no horizontal scrolling at phone width");
        browser.findElement(By.id("plan-panel")).getRect();
        browser.executeScript("document.getElementById('plan-panel').scrollIntoView()");
        shot("plan-phone-nb.png");
    }
}
