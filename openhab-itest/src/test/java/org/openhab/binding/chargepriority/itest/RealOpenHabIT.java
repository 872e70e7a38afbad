package org.openhab.binding.chargepriority.itest;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.itest.OpenHab.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The binding just built, in the real openHAB 4.3.11 of {@code ../shared/openhab-real}, used as the README tells a
 * user: its full example ({@code .things} in mock mode, {@code .items}), plus one item for every channel of the
 * README's tables. Skips, saying so, on a machine without that runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealOpenHabIT {

    private static final String BRIDGE = "chargepriority:household:home";
    private static final String TESLA = "chargepriority:tesla:home:tesla";
    private static final String IONIQ = "chargepriority:ioniq:home:ioniq";
    private static final Map<String, String> THING_OF_TYPE = Map.of("household", BRIDGE, "tesla", TESLA, "ioniq",
            IONIQ);
    private static final Duration ONLINE_WITHIN = Duration.ofSeconds(90);
    private static final String BSN = "org.openhab.binding.chargepriority";
    private static final int ROUNDS = Integer.getInteger("lifecycle.rounds", 20);
    /** Oslo: openHAB's location (Settings, Regional Settings), the home of the bridge in the README's example. */
    private static final String LOCATION = "59.9139,10.7522";
    /** Channels that have no value with simulated cars, and why. */
    private static final Map<String, String> NO_VALUE_IN_MOCK_MODE = Map.of( //
            "location#address", "addresses are looked up for real cars only (Nominatim)", //
            "api#cost", "a simulated Tesla makes no Fleet API calls", //
            "api#calls", "a simulated Tesla makes no Fleet API calls", //
            "api#throttled", "a simulated Tesla makes no Fleet API calls", //
            "plan#schedule", "a time series: persistence stores it (test 13), it never sets the item's state");

    private final ReadmeExample readme;
    private final Path jar = Path.of(System.getProperty("binding.jar", "")).toAbsolutePath();
    private Path work = Path.of(".");
    private Path things = Path.of(".");
    private String thingsText = "";
    /** The time of the last log line before the bundle was deployed: what comes after is this run's. */
    private String logMark = "";
    private final long started = System.nanoTime();

    RealOpenHabIT() throws IOException {
        readme = new ReadmeExample(Path.of(System.getProperty("readme", "../README.md")));
    }

    @BeforeAll
    void deployIntoRealOpenHab() throws IOException {
        if (!OpenHab.present()) {
            String why = "RealOpenHabIT SKIPPED: no real openHAB runtime on this machine (" + HARNESS
                    + " found none; ../shared/openhab-real/README.md builds one)";
            System.out.println(why);
            Assumptions.abort(why);
        }
        assertTrue(Files.isRegularFile(jar), "the binding jar was built: " + jar);
        log("starting openHAB");
        must(Duration.ofMinutes(10), "oh_start");
        must(Duration.ofMinutes(2), "oh_reset");
        signInAsAdministrator();
        wipeUserData();
        setRegional("language", "en");
        setRegional("location", LOCATION);
        logMark = lastLogTime();
        log("deploying " + jar.getFileName());
        must(Duration.ofMinutes(3), "oh_deploy", jar.toString());

        work = Files.createTempDirectory("oh-itest");
        thingsText = readme.file("chargepriority.things").replace("mockMode=false", "mockMode=true");
        things = work.resolve("chargepriority.things");
        Files.writeString(things, thingsText);
        Path items = work.resolve("chargepriority.items");
        Files.writeString(items, readme.file("chargepriority.items") + "\n" + everyChannelItems());
        must(Duration.ofMinutes(2), "oh_things", things.toString());
        must(Duration.ofMinutes(2), "oh_items", items.toString());
        things = Path.of(variable("OH_CONF"), "things", things.getFileName().toString()); // the copy openHAB reads
        for (String uid : List.of(BRIDGE, TESLA, IONIQ)) {
            console("openhab:things enable " + uid); // openHAB keeps a Thing disabled across restarts
        }
    }

    @AfterAll
    void report() {
        if (OpenHab.present()) {
            log("done in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        }
    }

    @Test
    @Order(1)
    void theBundleIsActiveAndItsThingsGoOnline() {
        String bundles = console("bundle:list -s -t 0");
        assertTrue(bundles.lines().anyMatch(l -> l.contains(BSN) && l.contains("Active")), bundles);
        for (String uid : List.of(BRIDGE, TESLA, IONIQ)) {
            awaitStatus(uid, "ONLINE", ONLINE_WITHIN);
        }
        log("bridge and both cars ONLINE");
    }

    @Test
    @Order(2)
    void everyChannelWithAValueFillsItsItemWithTheRightTypeAndUnit() {
        Map<String, String> states = new TreeMap<>();
        await("every channel item has a value", Duration.ofSeconds(60), () -> {
            states.clear();
            for (ReadmeExample.Channel c : readme.channels()) {
                for (String type : exampleTypes(c)) {
                    if (!NO_VALUE_IN_MOCK_MODE.containsKey(c.id())) {
                        states.put(itemName(type, c.id()), state(itemName(type, c.id())));
                    }
                }
            }
            return states.values().stream().noneMatch(s -> "NULL".equals(s));
        });
        for (ReadmeExample.Channel c : readme.channels()) {
            for (String type : exampleTypes(c)) {
                JsonObject item = item(itemName(type, c.id()));
                assertEquals(c.itemType(), item.get("type").getAsString(), c.id());
            }
        }
        assertUnit("Tesla_Range", "km");
        assertUnit("Ioniq_Range", "km");
        assertUnit(itemName("ioniq", "charging#power"), "kW");
        assertUnit("Ioniq_Power", "kW");
        assertUnit("Charge_Threshold", "%");
        assertTrue(state("Tesla_Battery").matches("\\d+(\\.\\d+)?"), "battery#level is a plain Number: "
                + state("Tesla_Battery"));
        assertEquals("Number", item("Tesla_Battery").get("type").getAsString());
        assertTrue(Set.of("tesla", "ioniq", "NONE").contains(state("Charge_Now")), state("Charge_Now"));
        log(states.size() + " channel items filled: " + states);
    }

    @Test
    @Order(3)
    void reasonsFollowOpenHabsLanguage() {
        JsonObject status = apiStatus();
        assertEquals(status.get("priority_reason").getAsString(), state("Charge_Reason"), "English");
        setRegional("language", "nb");
        try {
            updateNow();
            await("the reason in Bokmål", Duration.ofSeconds(30),
                    () -> state("Charge_Reason").equals(apiStatus().get("priority_reason_nb").getAsString()));
            assertNotEquals(apiStatus().get("priority_reason").getAsString(), state("Charge_Reason"));
            log("reason in nb: " + state("Charge_Reason"));
        } finally {
            setRegional("language", "en");
            updateNow();
        }
    }

    @Test
    @Order(4)
    void aThresholdCommandChangesTheDecisionAndSurvivesARestart() {
        // A simulated Tesla at home at 60 %, not charging: charged below an 80 % threshold, not below 55 %.
        assertEquals(200, put("/chargepriority/api/simulation/tesla",
                "{\"battery_percent\": 60, \"at_home\": true, \"charging\": false, \"plugged_in\": true}")
                .statusCode());
        command("Charge_Threshold", "80");
        updateNow();
        await("Tesla CHARGE at 80 %", Duration.ofSeconds(30), () -> "CHARGE".equals(state("Tesla_Action")));

        command("Charge_Threshold", "55");
        await("Tesla NO_CHARGE at 55 %", Duration.ofSeconds(30), () -> "NO_CHARGE".equals(state("Tesla_Action")));
        await("written back", Duration.ofSeconds(10), () -> thresholdInConfiguration() == 55);

        log("restarting openHAB");
        must(Duration.ofMinutes(10), "oh_restart");
        awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        assertEquals(55, thresholdInConfiguration(), "the Thing's configuration after a restart");
        await("the threshold item after a restart", Duration.ofSeconds(30),
                () -> state("Charge_Threshold").startsWith("55"));
        assertEquals(55, apiStatus().get("charge_threshold").getAsInt());
        command("Charge_Threshold", "80");
        await("back at 80", Duration.ofSeconds(10), () -> thresholdInConfiguration() == 80);
    }

    @Test
    @Order(5)
    void updateNowReadsTheCarsAndReturnsToOff() {
        String before = state(itemName("tesla", "status#last-update"));
        long updatesBefore = apiStatus().get("update_count") == null ? -1 : apiStatus().get("update_count").getAsLong();
        command("Charge_Update", "ON");
        await("Charge_Update back to OFF", Duration.ofSeconds(30), () -> "OFF".equals(state("Charge_Update")));
        await("a new reading", Duration.ofSeconds(30),
                () -> !before.equals(state(itemName("tesla", "status#last-update"))));
        log("update now: last-update " + before + " -> " + state(itemName("tesla", "status#last-update"))
                + " (updates before: " + updatesBefore + ")");
    }

    @Test
    @Order(6)
    void restWebSocketAndDashboardAnswerOnOpenHabsPort() throws Exception {
        HttpResponse<String> status = get("/chargepriority/api/status");
        assertEquals(200, status.statusCode());
        assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject s = JsonParser.parseString(status.body()).getAsJsonObject();
        assertTrue(s.has("tesla") && s.has("ioniq") && s.has("priority_vehicle"), status.body());

        HttpResponse<String> dashboard = get("/chargepriority/");
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.body().contains("<html"), "the dashboard page");
        assertEquals(200, get("/chargepriority/health").statusCode());

        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:8080/chargepriority/ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String message = first.get(15, TimeUnit.SECONDS);
        ws.abort();
        assertTrue(message.contains("\"type\""), message);

        JsonObject bridge = thing(BRIDGE);
        assertEquals("Charging Household", bridge.get("label").getAsString());
        assertTrue(bridge.getAsJsonObject("configuration").has("chargeThreshold"));
        assertEquals("Tesla Model Y", thing(TESLA).get("label").getAsString());
        assertEquals("Hyundai Ioniq 5", thing(IONIQ).get("label").getAsString());
        assertTrue(thing(IONIQ).getAsJsonObject("configuration").get("mockMode").getAsBoolean());
        log("REST, WebSocket (" + message.substring(0, Math.min(60, message.length())) + "...) and dashboard on 8080");
    }

    @Test
    @Order(7)
    void channelTypesCarrySemanticTagsOpenHabKnows() {
        Set<String> points = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        for (JsonElement tag : json("/rest/tags").getAsJsonArray()) {
            String uid = tag.getAsJsonObject().get("uid").getAsString();
            String name = tag.getAsJsonObject().get("name").getAsString();
            if (uid.startsWith("Point")) {
                points.add(name);
            } else if (uid.startsWith("Property")) {
                properties.add(name);
            }
        }
        assertFalse(points.isEmpty() || properties.isEmpty(), "openHAB's semantic tags");
        int checked = 0;
        for (JsonElement e : json("/rest/channel-types?prefixes=chargepriority").getAsJsonArray()) {
            JsonObject type = e.getAsJsonObject();
            List<String> tags = new ArrayList<>();
            type.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
            String uid = type.get("UID").getAsString();
            assertEquals(1, tags.stream().filter(points::contains).count(), uid + " has one Point: " + tags);
            assertEquals(1, tags.stream().filter(properties::contains).count(), uid + " has one Property: " + tags);
            checked++;
        }
        assertTrue(checked >= 15, checked + " channel types");
        log(checked + " channel types carry a Point and a Property openHAB 4.3.11 knows");
    }

    @Test
    @Order(8)
    void twentyRoundsOfLifecycleLeaveNothingBehind() throws IOException {
        Footprint before = footprint();
        log("before the lifecycle rounds: " + before);
        for (int i = 0; i < ROUNDS; i++) {
            console("openhab:things disable " + TESLA);
            awaitStatus(TESLA, "UNINITIALIZED (DISABLED)", Duration.ofSeconds(30));
            console("openhab:things enable " + TESLA);
            awaitStatus(TESLA, "ONLINE", ONLINE_WITHIN);
        }
        log(ROUNDS + " x disable/enable a car: " + footprint());
        for (int i = 0; i < ROUNDS; i++) {
            Files.delete(things); // openHAB keeps the Things of a file it finds empty: the user deletes it
            await("the bridge removed", Duration.ofSeconds(60), () -> "NOT_FOUND".equals(status(BRIDGE)));
            // and its handler disposed: openHAB's watch service interrupts a removal still running when the same file
            // changes again ("already tracked by ThingManager. This is a bug."), which a user saving twice would not
            await("the household stopped", Duration.ofSeconds(60),
                    () -> get("/chargepriority/api/status").statusCode() != 200);
            sleep(Duration.ofSeconds(2));
            writeModel(things, thingsText);
            awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        }
        awaitStatus(TESLA, "ONLINE", ONLINE_WITHIN);
        awaitStatus(IONIQ, "ONLINE", ONLINE_WITHIN);
        log(ROUNDS + " x remove/re-add the bridge: " + footprint());
        // In place, as openHAB updates an add-on dropped again into addons/: FileInstall calls Bundle.update() on the
        // installed bundle. (Karaf's bundle:update over this harness's SSH console fails for every bundle, openHAB's
        // own too: "Unable to acquire global lock for resolve".)
        Path deployed = Path.of(variable("OH_KARAF"), "deploy", jar.getFileName().toString());
        long touched = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long updates = logCount("Updating bundle " + BSN);
            // Always a later time than the round before (FileInstall compares it with what it saw last), and once
            // more if FileInstall, busy with the previous update, missed it.
            for (int attempt = 0; attempt < 3 && logCount("Updating bundle " + BSN) <= updates; attempt++) {
                touched = Math.max(System.currentTimeMillis(), touched + 2000);
                Files.setLastModifiedTime(deployed, java.nio.file.attribute.FileTime.fromMillis(touched));
                try {
                    await("FileInstall updates the bundle", Duration.ofSeconds(20),
                            () -> logCount("Updating bundle " + BSN) > updates);
                } catch (AssertionError e) {
                    log("round " + i + ": FileInstall did not see the new time within 20 s; touching again");
                }
            }
            assertTrue(logCount("Updating bundle " + BSN) > updates, "FileInstall updated the bundle in round " + i);
            await("the bundle Active again", Duration.ofSeconds(60),
                    () -> console("bundle:list -s -t 0").lines().anyMatch(l -> l.contains(BSN) && l.contains("Active")));
            awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        }
        awaitStatus(TESLA, "ONLINE", ONLINE_WITHIN);
        awaitStatus(IONIQ, "ONLINE", ONLINE_WITHIN);
        assertEquals(200, get("/chargepriority/api/status").statusCode(), "the API still answers");

        Footprint after = footprint();
        log(ROUNDS + " x update in place: " + after);
        assertEquals(before.bindingThreads(), after.bindingThreads(), "threads of the binding");
        assertEquals(before.servlets(), after.servlets(), "servlets of the binding");
        // One history store: its writer and its reader connection, never a second store on the same file.
        assertEquals(2, before.databaseHandles(), "open handles on the history database before");
        assertEquals(before.databaseHandles(), after.databaseHandles(), "open handles on the history database");
        assertEquals(List.of(), bindingErrorsInLog(), "ERROR lines of the binding in openHAB's log");
    }

    @Test
    @Order(9)
    void withoutAnyLocationTheBridgeSaysSoAndGoesOnlineWhenOpenHabsLocationIsSet() throws IOException {
        writeModel(things, thingsText.replaceAll("homeLatitude=[0-9.]+,? *|homeLongitude=[0-9.]+,? *", ""));
        deleteRegional("location");
        await("OFFLINE (CONFIGURATION_ERROR)", Duration.ofSeconds(60),
                () -> "OFFLINE (CONFIGURATION_ERROR)".equals(status(BRIDGE)));
        String description = thing(BRIDGE).getAsJsonObject("statusInfo").get("description").getAsString();
        assertTrue(description.toLowerCase().contains("location"), description);
        log("without a location: " + description);

        setRegional("location", LOCATION);
        awaitStatus(BRIDGE, "ONLINE", Duration.ofSeconds(60)); // the same Thing: its file was not touched
        assertEquals(List.of(), bindingErrorsInLog(), "ERROR lines of the binding in openHAB's log");
    }

    @Test
    @Order(10)
    void aCarFedByAnotherItemThroughTheFollowProfileTakesPartInTheDecision() throws IOException {
        awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        Path dir = work.resolve("bmw");
        Files.createDirectories(dir);
        // As the README shows: the car's own items (here plain items; in a real setup another binding's or MQTT's)
        // are linked to the vehicle Thing's channels with the follow profile.
        Path bmwThings = dir.resolve("bmw.things");
        Files.writeString(bmwThings, "Thing chargepriority:vehicle:home:bmw \"BMW i4\" (chargepriority:household:home)"
                + " [ batteryCapacity=80, consumption=17 ]\n");
        Path bmwItems = dir.resolve("bmw.items");
        Files.writeString(bmwItems, String.join("\n",
                "Number BMW_Soc \"BMW state of charge\" { channel=\"chargepriority:vehicle:home:bmw:battery#level\" [profile=\"follow\"] }",
                "Switch BMW_Home \"BMW at home\" { channel=\"chargepriority:vehicle:home:bmw:location#at-home\" [profile=\"follow\"] }",
                "String BMW_Action \"BMW [%s]\" { channel=\"chargepriority:vehicle:home:bmw:decision#action\" }", ""));
        must(Duration.ofMinutes(2), "oh_things", bmwThings.toString());
        must(Duration.ofMinutes(2), "oh_items", bmwItems.toString());
        String bmw = "chargepriority:vehicle:home:bmw";
        await(bmw + " waits for its values", Duration.ofSeconds(60), () -> status(bmw).startsWith("OFFLINE"));

        console("openhab:update BMW_Home ON");
        console("openhab:update BMW_Soc 12"); // below the minimum charge: the most urgent car of the three
        await("BMW ONLINE", ONLINE_WITHIN, () -> "ONLINE".equals(status(bmw)));
        await("BMW gets the charger", Duration.ofSeconds(30), () -> "bmw".equals(state("Charge_Now")));
        assertEquals("CHARGE", state("BMW_Action"));
        JsonObject car = json("/chargepriority/api/vehicles/bmw").getAsJsonObject();
        assertEquals("BMW i4", car.get("name").getAsString());
        assertEquals(12.0, car.getAsJsonObject("status").get("battery_percent").getAsDouble(), 1e-9);
        assertEquals("pushed", car.getAsJsonObject("status").get("source").getAsString());
        assertEquals(Set.of("tesla", "ioniq", "bmw"), apiStatus().getAsJsonObject("vehicles").keySet());
        log("a vehicle Thing fed through the follow profile: " + state("Charge_Reason"));

        console("openhab:update BMW_Soc 95");
        await("BMW full: no longer charged", Duration.ofSeconds(30), () -> "NO_CHARGE".equals(state("BMW_Action")));
        assertEquals(List.of(), bindingErrorsInLog(), "ERROR lines of the binding in openHAB's log");
    }

    @Test
    @Order(11)
    void twoTeslasAnIoniqAndAVehicleUnderOneBridgeAllGoOnlineAndGoByTheirThingIds() throws IOException {
        awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        // A second Tesla with a VIN of its own beside the README's Tesla (the bmw vehicle Thing is test 10's).
        Path dir = work.resolve("model3");
        Files.createDirectories(dir);
        Path model3Things = dir.resolve("model3.things");
        Files.writeString(model3Things, "Thing chargepriority:tesla:home:model3 \"Tesla Model 3\" "
                + "(chargepriority:household:home) [ mockMode=true, region=\"EU\", vin=\"XP7YGCEK5PB000002\" ]\n");
        must(Duration.ofMinutes(2), "oh_things", model3Things.toString());
        String model3 = "chargepriority:tesla:home:model3";
        String bmw = "chargepriority:vehicle:home:bmw";
        for (String uid : List.of(BRIDGE, TESLA, model3, IONIQ, bmw)) {
            awaitStatus(uid, "ONLINE", ONLINE_WITHIN);
        }
        assertNotEquals(thing(TESLA).getAsJsonObject("configuration").get("vin").getAsString(),
                thing(model3).getAsJsonObject("configuration").get("vin").getAsString(), "two VINs");

        Set<String> fourCars = Set.of("tesla", "model3", "ioniq", "bmw");
        await("the household has the four cars", Duration.ofSeconds(30),
                () -> apiStatus().getAsJsonObject("vehicles").keySet().equals(fourCars));
        JsonObject status = apiStatus();
        JsonObject vehicles = status.getAsJsonObject("vehicles");
        assertEquals("tesla", vehicles.getAsJsonObject("model3").get("kind").getAsString());
        assertEquals("Tesla Model 3", vehicles.getAsJsonObject("model3").get("name").getAsString());
        assertEquals("Tesla Model Y", status.getAsJsonObject("tesla").get("vehicle_name").getAsString(),
                "the seed's tesla is still the Thing tesla");
        assertEquals(vehicles.getAsJsonObject("tesla").get("status"), status.get("tesla"));

        // The second Tesla nearly empty at home: priority#vehicle holds its Thing's id.
        assertEquals(200, put("/chargepriority/api/simulation/model3",
                "{\"battery_percent\": 5, \"at_home\": true, \"charging\": false, \"plugged_in\": true}")
                .statusCode());
        updateNow();
        await("model3 gets the charger", Duration.ofSeconds(30), () -> "model3".equals(state("Charge_Now")));
        assertEquals("model3", apiStatus().get("priority_vehicle_id").getAsString());
        assertEquals("Tesla Model 3", apiStatus().get("priority_vehicle").getAsString());
        log("two Teslas, an Ioniq and a vehicle ONLINE under one bridge; Charge_Now = model3: "
                + state("Charge_Reason"));
        assertEquals(List.of(), bindingErrorsInLog(), "ERROR lines of the binding in openHAB's log");
    }

    @Test
    @Order(12)
    void theNightIsPlannedFromTheThingsDeparturesAndTheScheduleReachesOpenHabAsATimeSeries() {
        awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        // The README's example gives the Tesla and the Ioniq departures and asks hvakosterstrommen.no for prices
        // (not reachable from a test machine: the plan goes by departures and urgency, and says so).
        JsonObject plan = json("/chargepriority/api/plan").getAsJsonObject();
        assertTrue(plan.get("active").getAsBoolean(), plan.toString());
        assertEquals("hvakosterstrommen", plan.getAsJsonObject("prices").get("source").getAsString());
        assertEquals("NO1", plan.getAsJsonObject("prices").get("area").getAsString());
        await("the plan on the items", Duration.ofSeconds(30), () -> Set.of("ON", "OFF").contains(state("Charger_On"))
                && !Set.of("NULL", "UNDEF").contains(state("Plan_Message")));
        JsonObject now = json("/chargepriority/api/plan").getAsJsonObject();
        assertEquals(now.get("message").getAsString(), state("Plan_Message"));
        assertEquals(now.get("charge_now").getAsBoolean() ? "ON" : "OFF", state("Charger_On"));
        assertUnit("Tesla_AtDeparture", "%");
        assertTrue(state("Tesla_PlanStart").matches("\\d{4}-\\d\\d-\\d\\dT.*|UNDEF"), state("Tesla_PlanStart"));
        // A departure changed over REST re-plans: the new schedule reaches openHAB as the item's time series, and
        // the departure is written into the Tesla Thing's configuration.
        String event = awaitEvent("openhab/items/Plan_Power/*", "timeseriesupdated", Duration.ofSeconds(60), () -> {
            HttpResponse<String> put = put("/chargepriority/api/vehicles/tesla/departure",
                    "{\"departures\": \"Mon-Sun 06:45\", \"target_percent\": 85}");
            assertEquals(200, put.statusCode(), put.body());
        });
        await("the Thing keeps the new departures", Duration.ofSeconds(30), () -> {
            JsonObject config = thing(TESLA).getAsJsonObject("configuration");
            return config.has("departures") && "06:45".equals(config.get("departures").getAsString())
                    && config.get("targetCharge").getAsInt() == 85;
        });
        assertTrue(event.contains("Plan_Power"), event);
        log("plan active in openHAB: " + state("Plan_Message") + "; time series event: "
                + event.substring(0, Math.min(200, event.length())));
    }

    @Test
    @Order(13)
    void aPersistenceServiceThatStoresTheFutureKeepsThePlanAndItsReplacementAsOpenHabsChartsReadIt()
            throws IOException {
        awaitStatus(BRIDGE, "ONLINE", ONLINE_WITHIN);
        // openHAB core ships no persistence service that stores future values (InfluxDB, JDBC are add-ons): the test
        // builds one (in memory) against the real openHAB jars, deploys it and gives it Plan_Power by 'forecast'.
        Path storeJar = ForecastStoreBundle.build(work.resolve("forecast-store"));
        Path persist = Path.of(variable("OH_CONF"), "persistence", ForecastStoreBundle.SERVICE_ID + ".persist");
        String service = ForecastStoreBundle.SERVICE_ID;
        try {
            must(Duration.ofMinutes(3), "oh_deploy", storeJar.toString());
            await("openHAB lists the persistence service " + service, Duration.ofSeconds(30),
                    () -> json("/rest/persistence").toString().contains("\"id\":\"" + service + "\""));
            Files.createDirectories(persist.getParent());
            writeModel(persist, ForecastStoreBundle.persistModel("Plan_Power"));
            await(persist.getFileName() + " loaded", Duration.ofSeconds(30), () -> {
                HttpResponse<String> config = get("/rest/persistence/" + service);
                return config.statusCode() == 200 && config.body().contains("Plan_Power")
                        && config.body().contains("forecast");
            });
            assertEquals(0, logCount("model '" + persist.getFileName() + "' has errors"), "the .persist file parses");
            log("persistence service " + service + " deployed; " + persist.getFileName() + ": "
                    + get("/rest/persistence/" + service).body());

            // Two departures a few hours ahead, never on the hour (the plan cuts its slots at whole hours and at
            // departures): the first plan has a point at the first departure, the second plan none there.
            ZoneOffset offset = OffsetDateTime.parse(planNow().get("created_at").getAsString()).getOffset();
            OffsetDateTime first = OffsetDateTime.now(offset).plusHours(2).withMinute(20);
            OffsetDateTime second = first.plusMinutes(30);
            DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");

            replan("Mon-Sun " + hhmm.format(first), 80);
            Stored a = awaitPersistedPlan("the first plan");
            assertTrue(a.points().values().stream().anyMatch(kw -> kw > 0),
                    "the first plan charges in a future slot: " + a.points());
            log("first plan (departure " + hhmm.format(first) + ", created " + a.plan().get("created_at").getAsString()
                    + ", charger " + a.plan().getAsJsonObject("settings").get("charger_power_kw").getAsDouble()
                    + " kW): GET /rest/persistence/items/Plan_Power?serviceId=" + service + " (now..now+48h) -> "
                    + a.rest().size() + " points " + printed(a.rest()) + "; the plan's future slots: "
                    + printed(a.points()));

            replan("Mon-Sun " + hhmm.format(second), 90);
            Stored b = awaitPersistedPlan("the second plan");
            // REPLACE: the first plan's future points inside the second plan's span are gone, not kept beside it.
            long begin = expected(b.plan()).firstKey();
            long end = expected(b.plan()).lastKey();
            Map<Long, Double> replaced = new TreeMap<>(a.points());
            replaced.keySet().removeIf(t -> t < begin || t > end || b.points().containsKey(t));
            assertFalse(replaced.isEmpty(), "the first plan had points the second does not have (departure "
                    + hhmm.format(first) + "): " + printed(a.points()) + " vs " + printed(b.points()));
            assertEquals(b.points().keySet(), b.rest().keySet(), "only the second plan's points");
            for (Long t : replaced.keySet()) {
                assertFalse(b.rest().containsKey(t), "the first plan's point " + Instant.ofEpochMilli(t) + " removed");
            }
            log("second plan (departure " + hhmm.format(second) + ", created "
                    + b.plan().get("created_at").getAsString() + "): REST -> " + b.rest().size() + " points "
                    + printed(b.rest()) + "; the first plan's " + printed(replaced) + " replaced, not kept");
        } finally {
            try {
                Files.deleteIfExists(persist);
                await(persist.getFileName() + " unloaded", Duration.ofSeconds(30),
                        () -> !get("/rest/persistence/" + service).body().contains("Plan_Power"));
            } finally {
                must(Duration.ofMinutes(2), "oh_undeploy", storeJar.toString());
            }
        }
        await("the persistence service " + service + " gone", Duration.ofSeconds(30),
                () -> !json("/rest/persistence").toString().contains("\"id\":\"" + service + "\""));
        assertTrue(console("bundle:list -s -t 0").lines().noneMatch(l -> l.contains(ForecastStoreBundle.BSN)),
                "the store bundle uninstalled");
        assertEquals(List.of(), bindingErrorsInLog(), "ERROR lines of the binding in openHAB's log");
    }

    /** The plan, what the store answered over REST for now .. now + 48 h, and the plan's points in that window. */
    record Stored(JsonObject plan, TreeMap<Long, Double> rest, TreeMap<Long, Double> points) {
    }

    /** Changes the Tesla's departures over the binding's API and waits until the new plan's time series is sent. */
    private void replan(String departures, int target) {
        awaitEvent("openhab/items/Plan_Power/*", "timeseriesupdated", Duration.ofSeconds(60), () -> {
            HttpResponse<String> put = put("/chargepriority/api/vehicles/tesla/departure",
                    "{\"departures\": \"" + departures + "\", \"target_percent\": " + target + "}");
            assertEquals(200, put.statusCode(), put.body());
        });
    }

    /**
     * Reads the plan, the persisted future of Plan_Power as openHAB's charts ask for it, and the plan again, until
     * the stored points are the plan's (one plan throughout: the binding may plan again on its own meanwhile).
     */
    private Stored awaitPersistedPlan(String what) {
        Stored[] last = { null };
        try {
            await(what + " persisted as the plan's future", Duration.ofSeconds(30), () -> {
                JsonObject before = planNow();
                Instant from = Instant.now();
                TreeMap<Long, Double> rest = persisted("Plan_Power", from, from.plus(Duration.ofHours(48)));
                JsonObject after = planNow();
                TreeMap<Long, Double> points = new TreeMap<>(expected(after).subMap(from.toEpochMilli(), true,
                        from.plus(Duration.ofHours(48)).toEpochMilli(), true));
                last[0] = new Stored(after, rest, points);
                return before.get("created_at").equals(after.get("created_at")) && !points.isEmpty()
                        && rest.keySet().equals(points.keySet()) && points.keySet().stream()
                                .allMatch(t -> Math.abs(rest.get(t) - points.get(t)) <= 0.11);
            });
        } catch (AssertionError e) {
            Stored s = last[0];
            throw new AssertionError(e.getMessage() + (s == null ? ""
                    : ": REST " + printed(s.rest()) + " vs the plan " + printed(s.points()) + " " + s.plan()), e);
        }
        return last[0];
    }

    private static JsonObject planNow() {
        return json("/chargepriority/api/plan").getAsJsonObject();
    }

    /**
     * The time series the plan gives Plan_Power (as the binding builds it): each slot's start with the grid power in
     * kW (the energy into the car over the charging efficiency, per hour of the slot, to 0.1 kW), 0 at the end.
     */
    private static TreeMap<Long, Double> expected(JsonObject plan) {
        double efficiency = plan.getAsJsonObject("settings").get("charging_efficiency").getAsDouble();
        TreeMap<Long, Double> series = new TreeMap<>();
        long end = 0;
        for (JsonElement e : plan.getAsJsonArray("slots")) {
            JsonObject slot = e.getAsJsonObject();
            long start = OffsetDateTime.parse(slot.get("start").getAsString()).toInstant().toEpochMilli();
            end = OffsetDateTime.parse(slot.get("end").getAsString()).toInstant().toEpochMilli();
            double hours = (end - start) / 3_600_000.0;
            double kw = hours > 0 ? slot.get("energy_kwh").getAsDouble() / efficiency / hours : 0;
            series.put(start, Math.round(kw * 10) / 10.0);
        }
        if (!series.isEmpty()) {
            series.put(end, 0.0);
        }
        return series;
    }

    /** {@code GET /rest/persistence/items/{item}?serviceId=itest&starttime=&endtime=}, as the UI's charts ask. */
    private static TreeMap<Long, Double> persisted(String item, Instant from, Instant to) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
        JsonObject answer = json("/rest/persistence/items/" + item + "?serviceId=" + ForecastStoreBundle.SERVICE_ID
                + "&starttime=" + URLEncoder.encode(format.format(from), StandardCharsets.UTF_8) + "&endtime="
                + URLEncoder.encode(format.format(to), StandardCharsets.UTF_8)).getAsJsonObject();
        TreeMap<Long, Double> points = new TreeMap<>();
        for (JsonElement e : answer.getAsJsonArray("data")) {
            JsonObject point = e.getAsJsonObject();
            // whole seconds, as the plan's JSON gives its times (the plan starts at the millisecond it was made)
            long second = Math.floorDiv(point.get("time").getAsLong(), 1000L) * 1000L;
            Double previous = points.put(second, point.get("state").getAsDouble());
            assertNull(previous, "one value per instant: " + answer);
        }
        assertEquals(points.size(), answer.get("datapoints").getAsInt(), answer.toString());
        return points;
    }

    private static String printed(Map<Long, Double> points) {
        return points.entrySet().stream()
                .map(p -> DateTimeFormatter.ISO_LOCAL_TIME.format(
                        Instant.ofEpochMilli(p.getKey()).atZone(java.time.ZoneId.systemDefault()).toLocalTime())
                        + "=" + p.getValue())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    // ------------------------------------------------------------------ helpers

    record Footprint(long bindingThreads, long servlets, long databaseHandles, long allThreads) {
    }

    /** Threads the binding may have started, servlet services of the bundle, handles on the history database. */
    private Footprint footprint() {
        sleep(Duration.ofSeconds(3)); // let stopped things finish
        String pid = must(Duration.ofSeconds(30), "oh_pid").trim();
        String threads = must(Duration.ofSeconds(60), "jcmd", pid, "Thread.print");
        Matcher names = Pattern.compile("^\"([^\"]+)\"", Pattern.MULTILINE).matcher(threads);
        long binding = 0;
        long all = 0;
        List<String> mine = new ArrayList<>();
        while (names.find()) {
            all++;
            String name = names.group(1).toLowerCase();
            if (name.contains("chargepriority") || name.startsWith("httpclient-") || name.contains("sqlite")) {
                binding++;
                mine.add(names.group(1));
            }
        }
        if (!mine.isEmpty()) {
            log("threads that may be the binding's: " + mine);
        }
        String services = console("bundle:services -p " + bundleId());
        long servlets = services.lines().filter(l -> l.contains("objectClass") && l.contains("javax.servlet.Servlet"))
                .count();
        long handles;
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            handles = fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(target -> target.endsWith("charging_manager.db")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new Footprint(binding, servlets, handles, all);
    }

    /** Replaces a model file in one step, as an editor saving it does (openHAB never reads half a file). */
    private static void writeModel(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private String bundleId() {
        return console("bundle:list -s -t 0").lines().filter(l -> l.contains(BSN)).map(l -> l.split("\\|")[0].trim())
                .findFirst().orElseThrow(() -> new AssertionError("the bundle is not installed"));
    }

    private List<String> bindingErrorsInLog() {
        return logSinceDeploy().stream()
                .filter(l -> l.contains("| ERROR") && l.toLowerCase().contains("chargepriority"))
                .collect(Collectors.toList());
    }

    private long logCount(String text) {
        return logSinceDeploy().stream().filter(l -> l.contains(text)).count();
    }

    /**
     * The log lines written after {@link #logMark}, across Karaf's rotation (at 16 MB karaf.log becomes karaf.log.1: a
     * line count taken before would skip everything after it, as a long-lived test machine showed).
     */
    private List<String> logSinceDeploy() {
        Path log = Path.of(variable("OH_LOG"));
        List<String> lines = new ArrayList<>();
        boolean after = logMark.isEmpty();
        for (Path file : List.of(log.resolveSibling(log.getFileName() + ".1"), log)) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (Stream<String> all = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                for (String line : (Iterable<String>) all::iterator) {
                    String time = timestamp(line);
                    if (!after && time != null && time.compareTo(logMark) > 0) {
                        after = true;
                    }
                    if (after) {
                        lines.add(line);
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new AssertionError(e);
            }
        }
        return lines;
    }

    /** The time of the newest line in the log (its ISO timestamp, sortable as text), "" for an empty log. */
    private String lastLogTime() {
        Path log = Path.of(variable("OH_LOG"));
        String last = "";
        if (Files.isRegularFile(log)) {
            try (Stream<String> all = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                for (String line : (Iterable<String>) all::iterator) {
                    String time = timestamp(line);
                    if (time != null) {
                        last = time;
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new AssertionError(e);
            }
        }
        return last;
    }

    private static String timestamp(String line) { // null for a continuation line
        return line.length() > 23 && line.charAt(4) == '-' && line.charAt(10) == 'T' ? line.substring(0, 23) : null;
    }

    /** Removes the binding's own files from openHAB's userdata, so every run starts as a new user's would. */
    private void wipeUserData() {
        must(Duration.ofSeconds(30), "eval", "rm -rf \"$OH_USERDATA/chargepriority\"");
    }

    private static int thresholdInConfiguration() {
        return thing(BRIDGE).getAsJsonObject("configuration").get("chargeThreshold").getAsBigDecimal().intValue();
    }

    private static JsonObject apiStatus() {
        return json("/chargepriority/api/status").getAsJsonObject();
    }

    private static void updateNow() {
        HttpResponse<String> r = post("/chargepriority/api/update", "");
        assertTrue(r.statusCode() < 300, "update: " + r.statusCode() + " " + r.body());
    }

    private static void assertUnit(String item, String unit) {
        String state = state(item);
        assertTrue(state.matches("-?\\d+(\\.\\d+)?(E-?\\d+)? " + Pattern.quote(unit)), item + " = " + state);
    }

    /** openHAB's Regional Settings (PID org.openhab.i18n), as the UI sets them. */
    private static void setRegional(String key, String value) {
        console("config:property-set -p org.openhab.i18n " + key + " " + value);
    }

    private static void deleteRegional(String key) {
        console("config:property-delete -p org.openhab.i18n " + key);
    }

    /** The Thing types of a channel table row that the README's full example has (the vehicle Thing: test 10). */
    private static List<String> exampleTypes(ReadmeExample.Channel c) {
        return c.thingTypes().stream().filter(THING_OF_TYPE::containsKey).toList();
    }

    private static String itemName(String thingType, String channel) {
        return "Ch_" + thingType + "_" + channel.replace('#', '_').replace('-', '_');
    }

    /** One item per channel of the README's tables, linked as a user links them. */
    private String everyChannelItems() {
        StringBuilder items = new StringBuilder();
        for (ReadmeExample.Channel c : readme.channels()) {
            for (String type : exampleTypes(c)) {
                String unit = switch (c.itemType()) {
                    case "Number:Length" -> ", unit=\"km\"";
                    case "Number:Power" -> ", unit=\"kW\"";
                    case "Number:Dimensionless" -> ", unit=\"%\"";
                    default -> "";
                };
                items.append(c.itemType()).append(' ').append(itemName(type, c.id())).append(" { channel=\"")
                        .append(THING_OF_TYPE.get(type)).append(':').append(c.id()).append('"').append(unit)
                        .append(" }\n");
            }
        }
        return items.toString();
    }

    private void log(String message) {
        System.out.println("[real openHAB " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s] "
                + message);
    }
}
