package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaTestSupport.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.testutil.VirtualScheduler;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaCostMeter.Category;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A week of a commuter's Tesla through the Fleet API stand-in, at the default settings (an update every 60 minutes),
 * through the household's own schedule on a fast clock: asleep at night and at work, online while driving, charging
 * two nights a week, errands on two evenings, trips at the weekend. The binding never wakes the car, and the month's
 * cost stays well inside Tesla's $10 credit. Prints the calls per day (doc/performance.md has the table).
 */
class TeslaWeekCostTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** Monday 2025-03-17 00:00 in Oslo. */
    private static final ZonedDateTime MONDAY = ZonedDateTime.of(2025, 3, 17, 0, 0, 0, 0, OSLO);

    @TempDir
    Path tmp;
    private final WireMockServer server = startServer();

    @AfterEach
    void stop() {
        server.stop();
    }

    /** What the car is doing at a local time, by a commuter's week. */
    static String state(ZonedDateTime t) {
        LocalTime time = t.toLocalTime();
        DayOfWeek day = t.getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        if (!weekend) {
            if (between(time, "07:30", "08:15") || between(time, "16:00", "16:45")) {
                return "driving";
            }
            if ((day == DayOfWeek.TUESDAY || day == DayOfWeek.THURSDAY) && between(time, "01:00", "04:30")) {
                return "charging";
            }
            if ((day == DayOfWeek.WEDNESDAY || day == DayOfWeek.FRIDAY) && between(time, "18:30", "19:30")) {
                return "driving";
            }
        } else if (day == DayOfWeek.SATURDAY && between(time, "10:30", "13:00")
                || day == DayOfWeek.SUNDAY && between(time, "14:00", "15:30")) {
            return "driving";
        }
        return "asleep";
    }

    private static boolean between(LocalTime t, String from, String to) {
        return !t.isBefore(LocalTime.parse(from)) && t.isBefore(LocalTime.parse(to));
    }

    private void stubFor(String state) {
        server.resetMappings();
        boolean online = !"asleep".equals(state);
        server.stubFor(get(VEHICLE_PATH)
                .willReturn(okJson(fixture(online ? "vehicle-online.json" : "vehicle-asleep.json"))));
        server.stubFor(get(urlPathEqualTo(VEHICLE_DATA_PATH)).willReturn(online
                ? okJson(fixture("vehicle-data-charging.json"))
                : aResponse().withStatus(408).withBody(fixture("vehicle-unavailable-408.json"))));
        server.stubFor(post(urlPathMatching(".*/wake_up")).willReturn(okJson("{\"response\":{}}")));
    }

    @Test
    void aCommutersWeekAtTheDefaultIntervalWakesNothingAndStaysWellInsideTheCredit() throws Exception {
        MutableClock clock = new MutableClock(MONDAY.toInstant(), OSLO);
        VirtualScheduler scheduler = new VirtualScheduler(clock);
        Path tokenDir = tmp.resolve("tesla");
        saveTokens(tokenDir, "access-week", "EU_refresh-week", MONDAY.toInstant().plus(Duration.ofDays(8)));
        TeslaFleetService tesla = new TeslaFleetService(config(server, tokenDir).build(), clock, null,
                d -> fail("no retry expected, asked to sleep " + d));
        Simulation sim = Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles());
        HouseholdSettings settings = HouseholdSettings.defaults().withMockMode("tesla", false);
        assertEquals(60, settings.updateIntervalMinutes(), "the default interval");
        Household household = new Household(sim.slots(Map.<String, VehicleService> of("tesla", tesla)), settings,
                null, clock, scheduler, StatusEnricher.NONE, Household.SettingsPersister.NONE);

        List<String> rows = new ArrayList<>();
        int[] before = { 0, 0 };
        String state = null;
        household.start();
        for (int minute = 0; minute < 7 * 24 * 60; minute += 5) {
            ZonedDateTime now = MONDAY.plusMinutes(minute);
            String s = state(now);
            if (!s.equals(state)) {
                stubFor(s);
                state = s;
            }
            clock.set(now.toInstant());
            scheduler.runDue();
            if (now.plusMinutes(5).getDayOfMonth() != now.getDayOfMonth()) {
                int vehicle = calls(VEHICLE_PATH);
                int data = calls(VEHICLE_DATA_PATH);
                int stateCalls = vehicle - before[0];
                int dataCalls = data - before[1];
                rows.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | $%.3f |",
                        now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH),
                        stateCalls, dataCalls, stateCalls + dataCalls, 0.002 * (stateCalls + dataCalls)));
                before[0] = vehicle;
                before[1] = data;
            }
        }
        household.close();

        int wakes = server.findAll(anyRequestedFor(urlPathMatching(".*/wake_up.*"))).size();
        int billable = calls(VEHICLE_PATH) + calls(VEHICLE_DATA_PATH);
        BigDecimal week = tesla.costMeter().estimatedCostUsd();
        double month = week.doubleValue() * 31 / 7;
        System.out.println("| day | vehicle state (GET /vehicles/{vin}) | vehicle_data | billable | cost |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "week: %d billable calls, $%.3f; month (x 31/7): $%.2f; wake_up calls: %d%n",
                billable, week, month, wakes);

        assertEquals(0, wakes, "the car was never woken");
        assertEquals(0, tesla.costMeter().count(Category.WAKE));
        assertEquals(billable, tesla.costMeter().count(Category.DATA), "the meter counts every billed call");
        assertTrue(month < 10, "projected month $" + month);
        assertTrue(billable > 7 * 24, "the car was asked at every hourly update: " + billable);
    }

    private int calls(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }
}
