package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

/**
 * Counts the billable Fleet API calls of the calendar month (in the clock's time zone) and keeps the counts in a
 * small JSON file across restarts. Tesla bills every response below HTTP 500. When the month's projected cost would
 * pass the budget, it recommends a longer poll interval so the remaining budget lasts to the end of the month.
 */
@NonNullByDefault
public final class TeslaCostMeter {

    /** Fleet API pricing categories with Tesla's published price per request (USD, 2025). */
    public enum Category {
        DATA("data", new BigDecimal("0.002")),
        WAKE("wake", new BigDecimal("0.02")),
        COMMAND("command", new BigDecimal("0.001"));

        private final String key;
        private final BigDecimal priceUsd;

        Category(String key, BigDecimal priceUsd) {
            this.key = key;
            this.priceUsd = priceUsd;
        }

        public String key() {
            return key;
        }

        public BigDecimal priceUsd() {
            return priceUsd;
        }
    }

    /** One poll of an online car: the vehicle state and vehicle_data. */
    static final BigDecimal COST_PER_POLL_USD = Category.DATA.priceUsd().multiply(BigDecimal.valueOf(2));
    /** Projections are made over at least one day, so the first calls of a month do not look like a spree. */
    static final Duration MIN_PROJECTION_BASE = Duration.ofDays(1);

    private final Logger logger = LoggerFactory.getLogger(TeslaCostMeter.class);
    private final Path file;
    private final Clock clock;
    private final ZoneId zone;
    private final BigDecimal budgetUsd;
    private final Gson gson = new Gson();

    private YearMonth month;
    private final Map<Category, Integer> counts = new EnumMap<>(Category.class);
    private @Nullable Instant lastCall;

    /**
     * @param file where the counts are kept
     * @param clock time source; its zone decides where a month begins (e.g. Europe/Oslo)
     * @param monthlyBudgetUsd the budget the projection is held against
     */
    public TeslaCostMeter(Path file, Clock clock, double monthlyBudgetUsd) {
        this.file = file;
        this.clock = clock;
        this.zone = clock.getZone();
        this.budgetUsd = BigDecimal.valueOf(monthlyBudgetUsd);
        this.month = YearMonth.from(clock.instant().atZone(zone));
        load();
    }

    /** Counts one billable call and saves the counts. */
    public synchronized void record(Category category) {
        Instant now = clock.instant();
        rollOver(now);
        counts.merge(category, 1, Integer::sum);
        lastCall = now;
        save();
    }

    /** Takes back a call counted when it was sent that Tesla does not bill (it answered 5xx). */
    public synchronized void refund(Category category) {
        rollOver(clock.instant());
        counts.computeIfPresent(category, (c, n) -> n > 1 ? n - 1 : null);
        save();
    }

    public synchronized int count(Category category) {
        rollOver(clock.instant());
        return counts.getOrDefault(category, 0);
    }

    /** What this month's calls cost so far at the published prices. */
    public synchronized BigDecimal estimatedCostUsd() {
        rollOver(clock.instant());
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<Category, Integer> e : counts.entrySet()) {
            sum = sum.add(e.getKey().priceUsd().multiply(BigDecimal.valueOf(e.getValue())));
        }
        return sum;
    }

    /** The month's cost if calls go on at the rate seen so far (measured over at least one day). */
    public synchronized BigDecimal projectedCostUsd(Instant now) {
        rollOver(now);
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Duration elapsed = Duration.between(start, now);
        if (elapsed.compareTo(MIN_PROJECTION_BASE) < 0) {
            elapsed = MIN_PROJECTION_BASE;
        }
        Duration length = Duration.between(start, end);
        BigDecimal spent = estimatedCostUsd();
        if (elapsed.compareTo(length) >= 0) {
            return spent;
        }
        return spent.multiply(BigDecimal.valueOf(length.toSeconds())).divide(BigDecimal.valueOf(elapsed.toSeconds()),
                6, RoundingMode.HALF_UP);
    }

    public synchronized boolean throttled(Instant now) {
        return projectedCostUsd(now).compareTo(budgetUsd) > 0;
    }

    /**
     * The shortest poll interval that keeps the month within budget: zero when not throttled; the time to the end of
     * the month when the budget is used up.
     */
    public synchronized Duration recommendedMinimumInterval(Instant now) {
        if (!throttled(now)) {
            return Duration.ZERO;
        }
        Duration toMonthEnd = Duration.between(now, month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        BigDecimal remaining = budgetUsd.subtract(estimatedCostUsd());
        long affordablePolls = remaining.signum() <= 0 ? 0
                : remaining.divide(COST_PER_POLL_USD, 0, RoundingMode.DOWN).longValue();
        return affordablePolls < 1 ? toMonthEnd : toMonthEnd.dividedBy(affordablePolls);
    }

    /** True when a poll now would come sooner than {@link #recommendedMinimumInterval} after the last call. */
    public synchronized boolean shouldSkipPoll(Instant now) {
        Instant last = lastCall;
        if (last == null || !throttled(now)) {
            return false;
        }
        return now.isBefore(last.plus(recommendedMinimumInterval(now)));
    }

    /** Counts, cost and throttle state for the API; snake_case keys. */
    public synchronized Map<String, Object> diagnostics(Instant now) {
        rollOver(now);
        Map<String, Object> calls = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            calls.put(category.key(), counts.getOrDefault(category, 0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("api_calls_month", calls);
        out.put("billing_month", month.toString());
        out.put("estimated_cost_usd", usd(estimatedCostUsd()));
        out.put("projected_cost_usd", usd(projectedCostUsd(now)));
        out.put("budget_usd", usd(budgetUsd));
        boolean throttled = throttled(now);
        out.put("throttled", throttled);
        if (throttled) {
            long minutes = recommendedMinimumInterval(now).toMinutes();
            out.put("min_poll_interval_minutes", minutes);
            out.put("throttle_reason",
                    String.format(Locale.ROOT,
                            "Projected Fleet API cost $%.2f this month would pass the budget of $%.2f: "
                                    + "polling at most every %d minutes",
                            projectedCostUsd(now), budgetUsd, minutes));
        }
        return out;
    }

    private static double usd(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private void rollOver(Instant now) {
        YearMonth current = YearMonth.from(now.atZone(zone));
        if (!current.equals(month)) {
            month = current;
            counts.clear();
            lastCall = null;
            save();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Stored stored = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
            if (stored == null || stored.month == null || !month.equals(YearMonth.parse(stored.month))) {
                return;
            }
            counts.put(Category.DATA, stored.data);
            counts.put(Category.WAKE, stored.wake);
            counts.put(Category.COMMAND, stored.command);
            String last = stored.lastCall;
            lastCall = last == null ? null : Instant.parse(last);
        } catch (IOException | JsonParseException | DateTimeParseException e) {
            logger.warn("Cannot read the Fleet API call counts from {}, starting from zero: {}", file,
                    e.getMessage());
        }
    }

    private void save() {
        Stored stored = new Stored();
        stored.month = month.toString();
        stored.data = counts.getOrDefault(Category.DATA, 0);
        stored.wake = counts.getOrDefault(Category.WAKE, 0);
        stored.command = counts.getOrDefault(Category.COMMAND, 0);
        Instant last = lastCall;
        stored.lastCall = last == null ? null : last.toString();
        try {
            SecureFiles.writeAtomically(file, gson.toJson(stored).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            logger.warn("Cannot save the Fleet API call counts to {}: {}", file, e.getMessage());
        }
    }

    private static class Stored {
        @Nullable
        String month;
        int data;
        int wake;
        int command;
        @SerializedName("last_call")
        @Nullable
        String lastCall;
    }
}
