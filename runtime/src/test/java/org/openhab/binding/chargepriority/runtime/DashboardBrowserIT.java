package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver) against the real runtime: both cars
 * shown, "Update now" refreshes the page through the WebSocket, a threshold change changes the recommendations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Four more cars, for six in all (issue 13: one to six cars). */
    private static final List<String> EXTRA_CARS = List.of("leaf", "zoe", "enyaq", "i4");
    private static RuntimeProcess runtime;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browsers.installed(),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them): browser test skipped");
        runtime = RuntimeProcess.create("browser");
        for (String car : EXTRA_CARS) { // cars fed over HTTP; they get values only in the last test
            runtime.withConfig("car." + car + ".kind", "http");
        }
        runtime.start();
        // A known starting point: both cars at home, not charging.
        simulate("tesla", "{\"battery_percent\": 64, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");
        simulate("ioniq", "{\"battery_percent\": 37, \"at_home\": true, \"charging\": false, \"plugged_in\": false}");

        Path profile = runtime.workDir().resolve("chromium-profile");
        browser = Browsers.start(profile, "1280,1100");
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static void simulate(String car, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(runtime.uri("/chargepriority/api/simulation/" + car))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static String text(String id) {
        return byTestId(id).getText().trim();
    }

    @Test
    @Order(1)
    void showsBothCarsLive() throws Exception {
        browser.get(runtime.uri("/chargepriority/").toString());
        wait.until(d -> "connected".equals(byTestId("ws-state").getAttribute("data-state")));
        wait.until(d -> text("battery-tesla").contains("64") && text("battery-ioniq").contains("37"));
        assertTrue(byTestId("card-tesla").getText().contains("Tesla Model Y"));
        assertTrue(byTestId("card-ioniq").getText().contains("Hyundai Ioniq 5"));
        assertTrue(byTestId("simulated-tesla").isDisplayed(), "a clear simulated badge");
        assertEquals("CHARGE", byTestId("action-ioniq").getAttribute("data-action"));
        wait.until(d -> text("priority-banner").contains("Hyundai Ioniq 5"));
        assertTrue(text("priority-banner").contains("Charge the Hyundai Ioniq 5 first"), text("priority-banner"));
        wait.until(d -> browser.findElements(By.cssSelector("[data-testid='history-chart'] canvas")).size() > 0);
        Path shot = runtime.workDir().resolve("dashboard.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000);
    }

    @Test
    @Order(2)
    void updateNowRefreshesThePageThroughTheWebSocket() throws Exception {
        String before = byTestId("last-updated").getAttribute("data-value");
        Thread.sleep(1100); // timestamps are in whole seconds
        byTestId("update-now").click();
        wait.until(d -> !before.equals(byTestId("last-updated").getAttribute("data-value")));
        assertEquals("connected", byTestId("ws-state").getAttribute("data-state"));
    }

    @Test
    @Order(3)
    void changingTheThresholdChangesTheRecommendations() {
        assertEquals("CHARGE", byTestId("action-tesla").getAttribute("data-action"));
        WebElement input = byTestId("threshold-input");
        input.clear();
        input.sendKeys("60");
        byTestId("threshold-apply").click();
        // The Tesla at 64 % is now above the threshold: no charge; the Ioniq at 37 % still needs it.
        wait.until(d -> "NO_CHARGE".equals(byTestId("action-tesla").getAttribute("data-action")));
        assertEquals("CHARGE", byTestId("action-ioniq").getAttribute("data-action"));
        assertTrue(runtime.get("/chargepriority/api/settings").body().contains("\"charge_threshold\":60"));
    }

    @Test
    @Order(4)
    void speaksNorwegianAndFitsAPhone() throws Exception {
        byTestId("lang-switch").click();
        wait.until(d -> text("priority-banner").contains("Lad Hyundai Ioniq 5 først"));
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> ((Long) browser.executeScript("return window.innerWidth;")) < 500);
        Thread.sleep(500);
        String overflow = Browsers.horizontalOverflow(browser);
        assertEquals("", overflow, "no horizontal scrolling at phone width");
        Path shot = runtime.workDir().resolve("dashboard-phone-nb.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(5)
    void sixCarsEachHaveACardAndStillFitAPhone() throws Exception {
        int percent = 15;
        for (String car : EXTRA_CARS) {
            HttpResponse<String> r = runtime.send("PUT", "/chargepriority/api/vehicles/" + car + "/status",
                    "{\"battery_percent\": " + percent + ", \"at_home\": true}");
            assertEquals(200, r.statusCode(), r.body());
            percent += 20;
        }
        for (String car : EXTRA_CARS) {
            wait.until(d -> !browser.findElements(By.cssSelector("[data-testid='card-" + car + "']")).isEmpty()
                    && text("battery-" + car).matches(".*\\d.*"));
        }
        wait.until(d -> text("battery-leaf").contains("15"));
        // The Leaf at 15 % is under the minimum charge: the most urgent of the six.
        wait.until(d -> text("priority-banner").contains("leaf"));
        assertEquals(6, browser.findElements(By.cssSelector("[data-testid^='card-']")).size());
        String overflow = (String) browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth ? 'overflow' : '';");
        assertEquals("", overflow, "six cards at phone width without horizontal scrolling");
        Path shot = runtime.workDir().resolve("dashboard-six-cars.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }
}
