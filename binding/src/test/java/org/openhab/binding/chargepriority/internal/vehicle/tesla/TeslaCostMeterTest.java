package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaCostMeter.Category;

/**
 * The monthly Fleet API bill: counts per category, kept across restarts, reset at the month boundary in Oslo, and
 * the throttle that keeps the month within budget.
 */
@NonNullByDefault
class TeslaCostMeterTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private @TempDir Path tmp;

    private Path file() {
        return tmp.resolve("usage").resolve("fleet-api-usage.json");
    }

    @Test
    void countsEachCategoryAndPricesThemAtTeslasRates() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:00:00Z"), OSLO);
        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);

        meter.record(Category.DATA);
        meter.record(Category.DATA);
        meter.record(Category.DATA);
        meter.record(Category.COMMAND);

        assertEquals(3, meter.count(Category.DATA));
        assertEquals(0, meter.count(Category.WAKE));
        assertEquals(1, meter.count(Category.COMMAND));
        assertEquals(0, new BigDecimal("0.007").compareTo(meter.estimatedCostUsd()), "3 × $0.002 + 1 × $0.001");
    }

    @Test
    void countsSurviveARestart() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:00:00Z"), OSLO);
        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);
        for (int i = 0; i < 5; i++) {
            meter.record(Category.DATA);
        }

        clock.advance(Duration.ofHours(3));
        TeslaCostMeter restarted = new TeslaCostMeter(file(), clock, 10.0);

        assertEquals(5, restarted.count(Category.DATA));
        assertEquals(Map.of("data", 5, "wake", 0, "command", 0),
                restarted.diagnostics(clock.instant()).get("api_calls_month"));
    }

    @Test
    void aNewMonthInOsloStartsFromZeroEvenWhenItIsStillTheOldMonthInUtc() {
        // 23:30 in Oslo on 31 March (CEST, UTC+2)
        MutableClock clock = new MutableClock(Instant.parse("2025-03-31T21:30:00Z"), OSLO);
        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);
        meter.record(Category.DATA);
        meter.record(Category.DATA);
        assertEquals(2, meter.count(Category.DATA));

        clock.set(Instant.parse("2025-03-31T22:30:00Z")); // 00:30 on 1 April in Oslo
        assertEquals(0, meter.count(Category.DATA));
        assertEquals("2025-04", meter.diagnostics(clock.instant()).get("billing_month"));

        assertEquals(0, new TeslaCostMeter(file(), clock, 10.0).count(Category.DATA),
                "a restart in April does not bring back March");
    }

    @Test
    void aMonthHeadingPastTheBudgetIsThrottledSoTheRestLastsToTheEnd() throws Exception {
        // 10 of May's 31 days gone (midnight in Oslo, CEST), $4.00 spent: on course for $12.40
        Instant now = Instant.parse("2025-05-10T22:00:00Z");
        writeUsage("2025-05", 2000, now);
        MutableClock clock = new MutableClock(now, OSLO);
        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);

        assertEquals(12.40, meter.projectedCostUsd(now).doubleValue(), 0.001);
        assertTrue(meter.throttled(now));
        // $6.00 left buys 1500 polls of two calls; 21 days / 1500 = 20.16 min
        Duration interval = meter.recommendedMinimumInterval(now);
        assertEquals(20, interval.toMinutes());
        assertTrue(meter.shouldSkipPoll(now.plus(Duration.ofMinutes(5))));
        assertFalse(meter.shouldSkipPoll(now.plus(Duration.ofMinutes(21))));

        Map<String, Object> d = meter.diagnostics(now);
        assertEquals(true, d.get("throttled"));
        assertEquals(4.0, d.get("estimated_cost_usd"));
        assertEquals(12.4, d.get("projected_cost_usd"));
        assertEquals(20L, d.get("min_poll_interval_minutes"));
    }

    @Test
    void aMonthWithinBudgetIsNotThrottled() throws Exception {
        Instant now = Instant.parse("2025-05-10T22:00:00Z");
        writeUsage("2025-05", 1000, now);
        TeslaCostMeter meter = new TeslaCostMeter(file(), new MutableClock(now, OSLO), 10.0);

        assertEquals(6.20, meter.projectedCostUsd(now).doubleValue(), 0.001);
        assertFalse(meter.throttled(now));
        assertEquals(Duration.ZERO, meter.recommendedMinimumInterval(now));
        assertFalse(meter.shouldSkipPoll(now));
        assertNull(meter.diagnostics(now).get("throttle_reason"));
    }

    @Test
    void theFirstCallsOfAMonthAreNotMistakenForASpree() {
        MutableClock clock = new MutableClock(Instant.parse("2025-05-01T00:30:00+02:00"), OSLO);
        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);
        for (int i = 0; i < 20; i++) {
            meter.record(Category.DATA);
        }

        // $0.04 in 30 minutes would be $59.52 for the month; over at least a day it is $1.24
        assertEquals(1.24, meter.projectedCostUsd(clock.instant()).doubleValue(), 0.001);
        assertFalse(meter.throttled(clock.instant()));
    }

    @Test
    void aSpentBudgetStopsPollingUntilTheMonthEnds() throws Exception {
        Instant now = Instant.parse("2025-03-20T12:00:00Z");
        writeUsage("2025-03", 5000, now);
        TeslaCostMeter meter = new TeslaCostMeter(file(), new MutableClock(now, OSLO), 10.0);

        assertTrue(meter.shouldSkipPoll(now.plus(Duration.ofDays(5))));
        assertEquals(Duration.between(now, Instant.parse("2025-03-31T22:00:00Z")),
                meter.recommendedMinimumInterval(now));
    }

    @Test
    void aDamagedFileStartsFromZero() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{ not json", StandardCharsets.UTF_8);
        MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:00:00Z"), OSLO);

        TeslaCostMeter meter = new TeslaCostMeter(file(), clock, 10.0);
        meter.record(Category.DATA);

        assertEquals(1, meter.count(Category.DATA));
        assertEquals(1, new TeslaCostMeter(file(), clock, 10.0).count(Category.DATA));
    }

    private void writeUsage(String month, int data, Instant lastCall) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"month\":\"" + month + "\",\"data\":" + data
                + ",\"wake\":0,\"command\":0,\"last_call\":\"" + lastCall + "\"}", StandardCharsets.UTF_8);
    }
}
