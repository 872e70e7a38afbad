package org.openhab.binding.chargepriority.internal.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanRequest;
import org.openhab.binding.chargepriority.internal.core.plan.PlanSettings;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.price.CachedPrices;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;
import org.openhab.binding.chargepriority.internal.web.WebSecurity;

/**
 * The ConfigAdmin properties of PID {@code chargepriority} (from {@code conf/chargepriority.cfg}), read and checked.
 */
@NonNullByDefault
public final class StandaloneConfig {

    private static final Pattern CAR_KIND = Pattern.compile("car\\.([^.]+)\\.kind");
    private static final Pattern CAR_ID = Pattern.compile("[a-z0-9-]{1,32}");

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

    /** The keys that start with {@code prefix}, with their values as text (for telling what an edit changed). */
    public Map<String, String> keysStartingWith(String prefix) {
        Map<String, String> result = new java.util.TreeMap<>();
        properties.forEach((key, value) -> {
            String v = string(key);
            if (key.startsWith(prefix) && v != null) {
                result.put(key, v);
            }
        });
        return result;
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
        simulatedCars().forEach(car -> modes.put(car.id(), car.mockMode()));
        httpCars().keySet().forEach(id -> modes.put(id, false)); // no simulation: never in mock mode
        return new HouseholdSettings(integer("chargeThreshold", HouseholdSettings.DEFAULT_THRESHOLD),
                integer("updateIntervalMinutes", HouseholdSettings.DEFAULT_INTERVAL_MINUTES),
                number("minimumChargePercent", HouseholdSettings.DEFAULT_MINIMUM_CHARGE),
                number("minimumRangeKm", HouseholdSettings.DEFAULT_MINIMUM_RANGE_KM),
                number("hysteresisPoints", HouseholdSettings.DEFAULT_HYSTERESIS),
                integer("retentionDays", HouseholdSettings.DEFAULT_RETENTION_DAYS), modes);
    }

    /**
     * The household's planning: {@code plan.enabled} (true), {@code plan.chargerPower} (kW, 11),
     * {@code plan.efficiency} (0.9), {@code plan.maxSwaps} (1), {@code plan.byPrice} (true).
     *
     * @throws InvalidSettingException naming the key that is wrong
     */
    public PlanSettings planSettings() {
        try {
            return new PlanSettings(bool("plan.enabled", true),
                    number("plan.chargerPower", PlanSettings.DEFAULT_CHARGER_KW),
                    number("plan.efficiency", PlanRequest.DEFAULT_EFFICIENCY),
                    integer("plan.maxSwaps", PlanRequest.DEFAULT_MAX_SWAPS), bool("plan.byPrice", true), zone());
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidSettingException) {
                throw e;
            }
            throw new InvalidSettingException("plan", "plan.*: " + e.getMessage());
        }
    }

    /**
     * Where prices come from: {@code price.source} (none, hvakosterstrommen, entsoe; default none),
     * {@code price.area} (NO1), {@code price.entsoeToken}, {@code price.baseUrl} (a stand-in's address, for tests).
     */
    public PlanPrices.Provider prices(Clock clock) {
        String base = string("price.baseUrl");
        try {
            return CachedPrices.create(string("price.source", CachedPrices.NONE), string("price.area", "NO1"),
                    string("price.entsoeToken"), base != null ? URI.create(base) : null, clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("price", "price.*: " + e.getMessage());
        }
    }

    /**
     * Each car's departures: {@code plan.<id>.departures} ({@code Mon-Fri 07:30, Sat 09:00}), {@code plan.<id>.target}
     * (percent; default the charge threshold), {@code plan.<id>.capacity} (kWh; default the car's own).
     */
    public Map<String, DepartureSchedule> departures(List<String> vehicleIds) {
        Map<String, DepartureSchedule> result = new LinkedHashMap<>();
        for (String id : vehicleIds) {
            String p = "plan." + id + ".";
            try {
                String target = string(p + "target");
                String capacity = string(p + "capacity");
                result.put(id, new DepartureSchedule(DepartureSchedule.parseTimes(string(p + "departures")),
                        target != null ? integer(p + "target", 0) : null,
                        capacity != null ? number(p + "capacity", 0) : null));
            } catch (IllegalArgumentException e) {
                if (e instanceof InvalidSettingException) {
                    throw e;
                }
                throw new InvalidSettingException(p + "departures", p + "*: " + e.getMessage());
            }
        }
        return result;
    }

    /** The properties that keep a car's departures changed at run time. */
    public static Map<String, String> toProperties(String vehicleId, DepartureSchedule d) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("plan." + vehicleId + ".departures", DepartureSchedule.formatTimes(d.times()));
        Integer target = d.targetPercent();
        Double capacity = d.capacityKwh();
        p.put("plan." + vehicleId + ".target", target != null ? target.toString() : "");
        p.put("plan." + vehicleId + ".capacity", capacity != null ? capacity.toString() : "");
        return p;
    }

    /** The properties that persist run-time changes to the settings (the built-in cars' mock modes among them). */
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

    /**
     * The properties that persist run-time changes to the settings, with the mock modes of these declared cars as
     * {@code car.<id>.mockMode}.
     */
    public static Map<String, Object> toProperties(HouseholdSettings s, List<String> declaredCars) {
        Map<String, Object> p = toProperties(s);
        declaredCars.forEach(id -> p.put("car." + id + ".mockMode", String.valueOf(s.mockMode(id))));
        return p;
    }

    /** The kinds a car declared as {@code car.<id>.kind} may have. */
    public static final List<String> CAR_KINDS = List.of("http", "simulated", "tesla", "ioniq");

    /**
     * The cars declared as {@code car.<id>.kind=http}: their values come by {@code PUT /api/vehicles/<id>/status}
     * (a script, Home Assistant). Optional per car: {@code name}, {@code batteryCapacity} (kWh, default 60),
     * {@code consumption} (kWh/100 km, default 18), {@code maxAge} (minutes, default 60).
     *
     * @throws InvalidSettingException naming the first key that is wrong (of any declared car)
     */
    public Map<String, PushedVehicle.Settings> httpCars() {
        Map<String, PushedVehicle.Settings> cars = new TreeMap<>();
        for (Map.Entry<String, String> declared : declaredCars().entrySet()) {
            if (!"http".equals(declared.getValue())) {
                continue;
            }
            String id = declared.getKey();
            String p = "car." + id + ".";
            double capacity = number(p + "batteryCapacity", 60);
            double consumption = number(p + "consumption", 18);
            int maxAge = integer(p + "maxAge", 60);
            if (!(capacity >= 10 && capacity <= 250)) {
                throw new InvalidSettingException(p + "batteryCapacity", p + "batteryCapacity must be 10–250 kWh");
            }
            if (!(consumption >= 5 && consumption <= 50)) {
                throw new InvalidSettingException(p + "consumption", p + "consumption must be 5–50 kWh/100 km");
            }
            if (maxAge < 1 || maxAge > 10080) {
                throw new InvalidSettingException(p + "maxAge", p + "maxAge must be 1–10080 minutes");
            }
            cars.put(id, new PushedVehicle.Settings(string(p + "name", id), capacity, consumption,
                    Duration.ofMinutes(maxAge)));
        }
        return cars;
    }

    /**
     * A car declared in the cfg file beside the built-in Tesla and Ioniq, simulated with the (scenario-shaped) profile
     * of its kind: {@code car.<id>.kind=simulated} is only ever simulated, {@code tesla} and {@code ioniq} also have a
     * real car behind them, read when their mock mode is off.
     *
     * @param kind the car's kind: how it is simulated (a Model Y or an Ioniq 5 profile), read and shown
     * @param name {@code car.<id>.name}, or null: the car is then called by its id (see {@code CarNames})
     * @param real true for {@code kind=tesla} and {@code kind=ioniq}: mock mode switches it between its simulation and
     *            the real car ({@code car.<id>.vin} through the Tesla sign-in of {@code tesla.*}, or
     *            {@code car.<id>.serialPort})
     * @param mockMode {@code car.<id>.mockMode} (default true); always true for {@code kind=simulated}
     */
    public record SimulatedCar(String id, VehicleKind kind, @Nullable String name, boolean real, boolean mockMode) {
    }

    /**
     * The cars declared as {@code car.<id>.kind=simulated} (with {@code car.<id>.model=tesla|ioniq}, default tesla),
     * {@code tesla} or {@code ioniq}, in id order, each with an optional {@code name}. A Tesla or an Ioniq is in mock
     * mode ({@code car.<id>.mockMode}, default true) like a new Thing; with {@code mockMode=false} a Tesla needs its
     * {@code car.<id>.vin} and the sign-in of {@code tesla.clientId}, an Ioniq its {@code car.<id>.serialPort}.
     *
     * @throws InvalidSettingException naming the first key that is wrong (of any declared car)
     */
    public List<SimulatedCar> simulatedCars() {
        List<SimulatedCar> cars = new java.util.ArrayList<>();
        for (Map.Entry<String, String> declared : declaredCars().entrySet()) {
            String id = declared.getKey();
            String kind = declared.getValue();
            String p = "car." + id + ".";
            if ("http".equals(kind)) {
                continue;
            }
            boolean simulatedOnly = "simulated".equals(kind);
            String model = simulatedOnly ? string(p + "model", "tesla") : kind;
            VehicleKind k = VehicleKind.fromId(model.toLowerCase(Locale.ROOT));
            if (k == null || k == VehicleKind.VEHICLE) {
                throw new InvalidSettingException(p + "model", p + "model must be tesla or ioniq, was '" + model + "'");
            }
            boolean mockMode = bool(p + "mockMode", true);
            if (simulatedOnly && !mockMode) {
                throw new InvalidSettingException(p + "mockMode", p + "mockMode=false: a car of kind=simulated is "
                        + "always simulated; declare it as kind=" + k.id() + " to read the real car");
            }
            if (!mockMode && k == VehicleKind.TESLA) {
                if (string(p + "vin") == null) {
                    throw new InvalidSettingException(p + "vin", p + "mockMode=false needs the car's VIN in " + p
                            + "vin");
                }
                if (string("tesla.clientId") == null) {
                    throw new InvalidSettingException("tesla.clientId", p + "mockMode=false: the car is read through "
                            + "the Tesla sign-in of tesla.clientId (and tesla.clientSecret, tesla.region), which is "
                            + "not set");
                }
            }
            if (!mockMode && k == VehicleKind.IONIQ && string(p + "serialPort") == null) {
                throw new InvalidSettingException(p + "serialPort", p + "mockMode=false needs the OBD adapter's "
                        + "serial device in " + p + "serialPort");
            }
            cars.add(new SimulatedCar(id, k, string(p + "name"), !simulatedOnly, mockMode));
        }
        return cars;
    }

    /** Every {@code car.<id>.kind} by id, in id order, checked. */
    private Map<String, String> declaredCars() {
        Map<String, String> cars = new TreeMap<>();
        for (String key : new TreeSet<>(properties.keySet())) {
            Matcher m = CAR_KIND.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String id = m.group(1);
            String kind = string(key, "").toLowerCase(Locale.ROOT);
            if (!CAR_KINDS.contains(kind)) {
                throw new InvalidSettingException(key, key + " must be http, simulated, tesla or ioniq, was '"
                        + string(key, "") + "'");
            }
            if (!CAR_ID.matcher(id).matches() || "tesla".equals(id) || "ioniq".equals(id)) {
                throw new InvalidSettingException(key, "car id '" + id
                        + "' must be 1 to 32 lower-case letters, digits or '-', and not tesla or ioniq (the built-in "
                        + "cars of tesla.* and ioniq.*)");
            }
            cars.put(id, kind);
        }
        return cars;
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
