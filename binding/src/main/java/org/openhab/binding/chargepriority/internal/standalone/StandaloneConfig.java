package org.openhab.binding.chargepriority.internal.standalone;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.web.WebSecurity;

/**
 * The ConfigAdmin properties of PID {@code chargepriority} (from {@code conf/chargepriority.cfg}), read and checked.
 */
@NonNullByDefault
public final class StandaloneConfig {

    public static final String PID = "chargepriority";

    private final Map<String, Object> properties;

    public StandaloneConfig(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    public @Nullable String string(String key) {
        Object value = properties.get(key);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    public String string(String key, String fallback) {
        String s = string(key);
        return s != null ? s : fallback;
    }

    public double number(String key, double fallback) {
        String s = string(key);
        if (s == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, key + " must be a number, was '" + s + "'");
        }
    }

    public int integer(String key, int fallback) {
        double d = number(key, fallback);
        if (d != Math.rint(d)) {
            throw new InvalidSettingException(key, key + " must be a whole number, was " + d);
        }
        return (int) d;
    }

    public boolean bool(String key, boolean fallback) {
        String s = string(key);
        if (s == null) {
            return fallback;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new InvalidSettingException(key, key + " must be true or false, was '" + s + "'");
        };
    }

    public Path dataDir() {
        return Path.of(string("dataDir", "data"));
    }

    public ZoneId zone() {
        return ZoneId.of(string("timeZone", "Europe/Oslo"));
    }

    public HouseholdSettings settings() {
        Map<String, Boolean> modes = new LinkedHashMap<>();
        modes.put("tesla", bool("teslaMockMode", true));
        modes.put("ioniq", bool("ioniqMockMode", true));
        return new HouseholdSettings(integer("chargeThreshold", HouseholdSettings.DEFAULT_THRESHOLD),
                integer("updateIntervalMinutes", HouseholdSettings.DEFAULT_INTERVAL_MINUTES),
                number("minimumChargePercent", HouseholdSettings.DEFAULT_MINIMUM_CHARGE),
                number("minimumRangeKm", HouseholdSettings.DEFAULT_MINIMUM_RANGE_KM),
                number("hysteresisPoints", HouseholdSettings.DEFAULT_HYSTERESIS),
                integer("retentionDays", HouseholdSettings.DEFAULT_RETENTION_DAYS), modes);
    }

    /** The properties that persist run-time changes to the settings. */
    public static Map<String, Object> toProperties(HouseholdSettings s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("chargeThreshold", String.valueOf(s.chargeThreshold()));
        p.put("updateIntervalMinutes", String.valueOf(s.updateIntervalMinutes()));
        p.put("minimumChargePercent", String.valueOf(s.minimumChargePercent()));
        p.put("minimumRangeKm", String.valueOf(s.minimumRangeKm()));
        p.put("hysteresisPoints", String.valueOf(s.hysteresisPoints()));
        p.put("retentionDays", String.valueOf(s.retentionDays()));
        p.put("teslaMockMode", String.valueOf(s.mockMode("tesla")));
        p.put("ioniqMockMode", String.valueOf(s.mockMode("ioniq")));
        return p;
    }

    public double homeLatitude() {
        return number("homeLatitude", 59.9139);
    }

    public double homeLongitude() {
        return number("homeLongitude", 10.7522);
    }

    /** The token the web API and WebSocket require, or null for none (a trusted LAN). */
    public @Nullable String apiToken() {
        return string("apiToken");
    }

    /** Who may use the web API (apiToken, allowedOrigins). */
    public WebSecurity webSecurity() {
        try {
            return new WebSecurity(apiToken(), allowedOrigins());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("allowedOrigins", String.valueOf(e.getMessage()));
        }
    }

    public List<String> allowedOrigins() {
        String s = string("allowedOrigins");
        return s == null ? List.of() : List.of(s.split("\\s*,\\s*"));
    }
}
