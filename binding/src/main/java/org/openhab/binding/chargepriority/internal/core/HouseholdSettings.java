package org.openhab.binding.chargepriority.internal.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The household's decision and scheduling settings. Immutable; every change makes a validated copy, so a bad value is
 * never half-applied.
 *
 * @param chargeThreshold charge up to this state of charge, 50–100 %
 * @param updateIntervalMinutes minutes between scheduled updates, 1–1440
 * @param minimumChargePercent below this a car is urgent, 0–100 % (and below the threshold)
 * @param minimumRangeKm below this range a car is urgent, 0–1000 km
 * @param hysteresisPoints a challenger must beat the car holding priority by more than this many score points, 0–50
 * @param retentionDays history older than this is deleted daily, 1–3650
 * @param mockModes per vehicle id: true when the simulated car is used instead of the real one
 */
@NonNullByDefault
public record HouseholdSettings(int chargeThreshold, int updateIntervalMinutes, double minimumChargePercent,
        double minimumRangeKm, double hysteresisPoints, int retentionDays, Map<String, Boolean> mockModes) {

    public static final int DEFAULT_THRESHOLD = 80;
    public static final int DEFAULT_INTERVAL_MINUTES = 60;
    public static final double DEFAULT_MINIMUM_CHARGE = 20;
    public static final double DEFAULT_MINIMUM_RANGE_KM = 50;
    public static final double DEFAULT_HYSTERESIS = 10;
    public static final int DEFAULT_RETENTION_DAYS = 90;

    public HouseholdSettings {
        Objects.requireNonNull(mockModes, "mockModes");
        check(chargeThreshold >= 50 && chargeThreshold <= 100, "charge_threshold", "an integer from 50 to 100",
                chargeThreshold);
        check(updateIntervalMinutes >= 1 && updateIntervalMinutes <= 1440, "update_interval_minutes",
                "an integer from 1 to 1440", updateIntervalMinutes);
        check(minimumChargePercent >= 0 && minimumChargePercent <= 100, "minimum_charge_percent",
                "a number from 0 to 100", minimumChargePercent);
        check(minimumRangeKm >= 0 && minimumRangeKm <= 1000, "minimum_range_km", "a number from 0 to 1000",
                minimumRangeKm);
        check(hysteresisPoints >= 0 && hysteresisPoints <= 50, "hysteresis_points", "a number from 0 to 50",
                hysteresisPoints);
        check(retentionDays >= 1 && retentionDays <= 3650, "retention_days", "an integer from 1 to 3650",
                retentionDays);
        mockModes = Map.copyOf(new LinkedHashMap<>(mockModes));
    }

    private static void check(boolean ok, String field, String expected, Object value) {
        if (!ok) {
            throw new InvalidSettingException(field, field + " must be " + expected + ", was " + value);
        }
    }

    public static HouseholdSettings defaults() {
        return new HouseholdSettings(DEFAULT_THRESHOLD, DEFAULT_INTERVAL_MINUTES, DEFAULT_MINIMUM_CHARGE,
                DEFAULT_MINIMUM_RANGE_KM, DEFAULT_HYSTERESIS, DEFAULT_RETENTION_DAYS,
                Map.of("tesla", true, "ioniq", true));
    }

    public HouseholdSettings withChargeThreshold(int value) {
        return new HouseholdSettings(value, updateIntervalMinutes, minimumChargePercent, minimumRangeKm,
                hysteresisPoints, retentionDays, mockModes);
    }

    public HouseholdSettings withUpdateIntervalMinutes(int value) {
        return new HouseholdSettings(chargeThreshold, value, minimumChargePercent, minimumRangeKm, hysteresisPoints,
                retentionDays, mockModes);
    }

    public HouseholdSettings withRetentionDays(int value) {
        return new HouseholdSettings(chargeThreshold, updateIntervalMinutes, minimumChargePercent, minimumRangeKm,
                hysteresisPoints, value, mockModes);
    }

    public HouseholdSettings withMockMode(String vehicleId, boolean enabled) {
        Map<String, Boolean> modes = new LinkedHashMap<>(mockModes);
        modes.put(vehicleId, enabled);
        return new HouseholdSettings(chargeThreshold, updateIntervalMinutes, minimumChargePercent, minimumRangeKm,
                hysteresisPoints, retentionDays, modes);
    }

    public boolean mockMode(String vehicleId) {
        return mockModes.getOrDefault(vehicleId, true);
    }
}
