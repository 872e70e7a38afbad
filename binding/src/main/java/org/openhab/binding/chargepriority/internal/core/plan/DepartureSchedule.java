package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A car's departures and what it should have by then: a time per weekday (or none that day), the target state of
 * charge at departure (null: the household's charge threshold) and the usable battery capacity (null: the car's own
 * or its kind's known value).
 * <p>
 * Written as text in Thing configuration and the standalone cfg file: {@code Mon-Fri 07:30, Sat 09:00}; a bare time
 * ({@code 07:30}) means every day; an empty text means no departures.
 */
@NonNullByDefault
public record DepartureSchedule(Map<DayOfWeek, LocalTime> times, @Nullable Integer targetPercent,
        @Nullable Double capacityKwh) {

    public static final DepartureSchedule NONE = new DepartureSchedule(Map.of(), null, null);

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public DepartureSchedule {
        EnumMap<DayOfWeek, LocalTime> copy = new EnumMap<>(DayOfWeek.class);
        copy.putAll(times);
        times = java.util.Collections.unmodifiableMap(copy);
        Integer target = targetPercent;
        if (target != null && (target < 10 || target > 100)) {
            throw new IllegalArgumentException("target_percent must be an integer from 10 to 100, was " + target);
        }
        Double capacity = capacityKwh;
        if (capacity != null && !(capacity >= 5 && capacity <= 250)) {
            throw new IllegalArgumentException(
                    "battery_capacity_kwh must be a number from 5 to 250, was " + capacity);
        }
    }

    /** The first departure after {@code now}, within the next eight days; null when the car has none. */
    public @Nullable Instant next(Instant now, ZoneId zone) {
        if (times.isEmpty()) {
            return null;
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            LocalDate d = day.plusDays(i);
            LocalTime time = times.get(d.getDayOfWeek());
            if (time != null) {
                Instant at = ZonedDateTime.of(d, time, zone).toInstant();
                if (at.isAfter(now)) {
                    return at;
                }
            }
        }
        return null;
    }

    public DepartureSchedule withTimes(Map<DayOfWeek, LocalTime> newTimes) {
        return new DepartureSchedule(newTimes, targetPercent, capacityKwh);
    }

    /**
     * Parses {@code Mon-Fri 07:30, Sat 09:00} (day names in English, ranges with '-', a bare time for every day).
     *
     * @throws IllegalArgumentException naming the part that cannot be read
     */
    public static Map<DayOfWeek, LocalTime> parseTimes(@Nullable String text) {
        Map<DayOfWeek, LocalTime> result = new EnumMap<>(DayOfWeek.class);
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String part : text.split("[,;]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] words = p.split("\\s+");
            if (words.length > 2) {
                throw new IllegalArgumentException(
                        "departures: '" + p + "' is not 'Mon-Fri 07:30', 'Sat 09:00' or '07:30'");
            }
            LocalTime time = time(words[words.length - 1], p);
            List<DayOfWeek> days = words.length == 1 ? List.of(DayOfWeek.values()) : days(words[0], p);
            for (DayOfWeek d : days) {
                if (result.put(d, time) != null) {
                    throw new IllegalArgumentException("departures: " + name(d) + " is given twice");
                }
            }
        }
        return result;
    }

    /** The text form of the times, e.g. {@code Mon-Fri 07:30, Sat 09:00}; empty without departures. */
    public static String formatTimes(Map<DayOfWeek, LocalTime> times) {
        List<String> parts = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        int i = 0;
        while (i < all.length) {
            LocalTime t = times.get(all[i]);
            if (t == null) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < all.length && t.equals(times.get(all[j + 1]))) {
                j++;
            }
            String days = i == j ? name(all[i]) : name(all[i]) + "-" + name(all[j]);
            parts.add(days + " " + t);
            i = j + 1;
        }
        if (parts.size() == 1 && times.size() == 7) {
            return times.get(DayOfWeek.MONDAY).toString();
        }
        return String.join(", ", parts);
    }

    /** Three-letter English day keys as used in the REST API: mon … sun. */
    public static String key(DayOfWeek day) {
        return DAYS.get(day.getValue() - 1);
    }

    public static @Nullable DayOfWeek day(String key) {
        int i = DAYS.indexOf(key.toLowerCase(Locale.ROOT));
        return i < 0 ? null : DayOfWeek.of(i + 1);
    }

    private static String name(DayOfWeek d) {
        String k = key(d);
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    private static List<DayOfWeek> days(String word, String part) {
        String[] range = word.split("-");
        if (range.length > 2) {
            throw new IllegalArgumentException("departures: '" + part + "' has an unreadable day range");
        }
        DayOfWeek from = dayOrFail(range[0], part);
        DayOfWeek to = range.length == 2 ? dayOrFail(range[1], part) : from;
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek d = from;; d = d.plus(1)) {
            days.add(d);
            if (d == to) {
                return days;
            }
        }
    }

    private static DayOfWeek dayOrFail(String word, String part) {
        String w = word.length() >= 3 ? word.substring(0, 3) : word;
        DayOfWeek d = day(w);
        if (d == null) {
            throw new IllegalArgumentException("departures: '" + word + "' in '" + part
                    + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
        }
        return d;
    }

    static LocalTime time(String word, String part) {
        try {
            return LocalTime.parse(word.length() == 4 ? "0" + word : word);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("departures: '" + word + "' in '" + part + "' is not a time (HH:MM)");
        }
    }
}
