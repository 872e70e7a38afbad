package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

/**
 * Reads a simulation scenario: a JSON file that replaces parts of the default car profiles. The format is in the
 * README ("Simulation scenario file"); every field is optional.
 */
@NonNullByDefault
public final class ScenarioFile {

    /** The file's JSON shape. */
    static class VehicleDto {
        @Nullable
        String name;
        @SerializedName("battery_percent")
        @Nullable
        Double batteryPercent;
        @SerializedName("capacity_kwh")
        @Nullable
        Double capacityKwh;
        @SerializedName("consumption_kwh_per_100km")
        @Nullable
        Double consumption;
        @SerializedName("charge_power_kw")
        @Nullable
        Double chargePowerKw;
        @SerializedName("charge_limit_percent")
        @Nullable
        Double chargeLimitPercent;
        @SerializedName("parked_drain_percent_per_day")
        @Nullable
        Double parkedDrain;
        @Nullable
        List<TripDto> trips;
    }

    static class TripDto {
        @Nullable
        List<String> days;
        @Nullable
        String depart;
        @Nullable
        String back;
        @SerializedName("distance_km")
        @Nullable
        Double distanceKm;
        @SerializedName("bearing_degrees")
        @Nullable
        Double bearingDegrees;
    }

    private static final Gson GSON = new Gson();

    private ScenarioFile() {
    }

    /**
     * @return the profiles by vehicle id, each default replaced where the file says so
     * @throws IllegalArgumentException naming the problem when the file cannot be read or is invalid
     */
    public static Map<String, SimulationProfile> read(Path file, Map<String, SimulationProfile> defaults) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the scenario file " + file + ": " + e.getMessage(), e);
        }
        return parse(json, defaults);
    }

    public static Map<String, SimulationProfile> parse(String json, Map<String, SimulationProfile> defaults) {
        Map<String, VehicleDto> dtos;
        try {
            dtos = GSON.fromJson(json, new com.google.gson.reflect.TypeToken<Map<String, VehicleDto>>() {
            }.getType());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("The scenario is not valid JSON: " + e.getMessage(), e);
        }
        if (dtos == null) {
            throw new IllegalArgumentException("The scenario is empty");
        }
        Map<String, SimulationProfile> result = new java.util.LinkedHashMap<>(defaults);
        for (Map.Entry<String, VehicleDto> e : dtos.entrySet()) {
            SimulationProfile base = defaults.get(e.getKey());
            if (base == null) {
                throw new IllegalArgumentException(
                        "Unknown vehicle '" + e.getKey() + "' in the scenario; use " + defaults.keySet());
            }
            result.put(e.getKey(), merge(e.getKey(), base, e.getValue()));
        }
        return result;
    }

    private static SimulationProfile merge(String id, SimulationProfile base, VehicleDto d) {
        List<SimulationProfile.Trip> trips = base.trips();
        List<TripDto> tripDtos = d.trips;
        if (tripDtos != null) {
            trips = new ArrayList<>();
            for (TripDto t : tripDtos) {
                trips.add(trip(id, t));
            }
        }
        try {
            return new SimulationProfile(or(d.name, base.name()), or(d.capacityKwh, base.capacityKwh()),
                    or(d.consumption, base.consumptionKwhPer100Km()), or(d.chargePowerKw, base.chargePowerKw()),
                    or(d.chargeLimitPercent, base.chargeLimitPercent()),
                    or(d.batteryPercent, base.initialBatteryPercent()), or(d.parkedDrain, base.parkedDrainPercentPerDay()),
                    trips);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Scenario for '" + id + "': " + e.getMessage(), e);
        }
    }

    private static SimulationProfile.Trip trip(String id, TripDto t) {
        String depart = t.depart;
        String back = t.back;
        Double distance = t.distanceKm;
        if (depart == null || back == null || distance == null) {
            throw new IllegalArgumentException("Scenario for '" + id + "': a trip needs depart, back and distance_km");
        }
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        List<String> dayNames = t.days;
        if (dayNames != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (String name : dayNames) {
                days.add(day(id, name));
            }
        }
        try {
            Double bearing = t.bearingDegrees;
            return new SimulationProfile.Trip(days, LocalTime.parse(depart), LocalTime.parse(back), distance,
                    bearing != null ? bearing : 90);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Scenario for '" + id + "': times are HH:MM, got " + depart + "/" + back,
                    e);
        }
    }

    private static DayOfWeek day(String id, String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(upper) && upper.length() >= 2) {
                return d;
            }
        }
        throw new IllegalArgumentException("Scenario for '" + id + "': unknown day '" + name + "'");
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return value != null ? value : fallback;
    }
}
