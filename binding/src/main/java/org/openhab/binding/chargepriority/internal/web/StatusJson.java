package org.openhab.binding.chargepriority.internal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.SchedulerStatus;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.Reading;
import org.openhab.binding.chargepriority.internal.store.StoredError;
import org.openhab.binding.chargepriority.internal.store.StoredRecommendation;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The JSON shapes of the original API (snake_case, ISO-8601 timestamps with offset), built from snapshots.
 */
@NonNullByDefault
public final class StatusJson {

    public static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private StatusJson() {
    }

    public static String time(@Nullable Instant instant, ZoneId zone) {
        // Whole seconds, as the original API: "2024-12-28T19:45:00+01:00".
        return instant == null ? ""
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(zone));
    }

    private static JsonElement timeOrNull(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? JsonNull.INSTANCE : new JsonPrimitive(time(instant, zone));
    }

    /** The kinds the seed API has fields for ({@code tesla}, {@code tesla_recommendation}, {@code tesla_mock_mode}). */
    private static final List<VehicleKind> SEED_KINDS = List.of(VehicleKind.TESLA, VehicleKind.IONIQ);

    /**
     * {@code GET /api/status} and the WebSocket status messages (without "type"). The seed's fields ({@code tesla},
     * {@code ioniq} and their {@code _recommendation}) show the first car of that kind in the household's order,
     * whatever its id; every car, by its id, is in {@code vehicles}.
     */
    public static JsonObject status(HouseholdSnapshot snapshot, ZoneId zone) {
        JsonObject o = new JsonObject();
        JsonObject details = new JsonObject();
        for (VehicleView v : snapshot.vehicles()) {
            if (SEED_KINDS.contains(v.kind()) && !o.has(v.kind().id())) {
                VehicleStatus s = v.status();
                o.add(v.kind().id(), s == null ? JsonNull.INSTANCE : vehicle(s, zone));
                Recommendation r = v.recommendation();
                o.add(v.kind().id() + "_recommendation", r == null ? JsonNull.INSTANCE : recommendation(r, zone));
            }
            details.add(v.id(), vehicleEntry(v, zone));
        }
        o.addProperty("priority_vehicle", snapshot.priority().vehicleName());
        o.addProperty("priority_vehicle_id", snapshot.priority().vehicleId());
        o.addProperty("priority_reason", snapshot.priority().reason());
        o.addProperty("priority_reason_nb", snapshot.priority().reasonNb());
        o.add("last_updated", timeOrNull(snapshot.lastUpdated(), zone));
        o.add("next_update", timeOrNull(snapshot.nextUpdate(), zone));
        o.addProperty("charge_threshold", snapshot.settings().chargeThreshold());
        o.add("vehicles", details);
        return o;
    }

    /**
     * One car in {@code vehicles} of the status, and {@code GET /api/vehicles/{id}}: every car of the household,
     * whatever its kind or number, with its id, kind, name, state, status and recommendation.
     */
    public static JsonObject vehicleEntry(VehicleView v, ZoneId zone) {
        JsonObject d = new JsonObject();
        d.addProperty("id", v.id());
        d.addProperty("kind", v.kind().id());
        d.addProperty("name", v.name());
        d.addProperty("mock_mode", v.mockMode());
        d.addProperty("error", v.error());
        d.addProperty("error_kind", v.errorKind());
        d.add("diagnostics", GSON.toJsonTree(v.diagnostics()));
        VehicleStatus s = v.status();
        d.add("status", s == null ? JsonNull.INSTANCE : vehicle(s, zone));
        Recommendation r = v.recommendation();
        d.add("recommendation", r == null ? JsonNull.INSTANCE : recommendation(r, zone));
        return d;
    }

    public static JsonObject vehicle(VehicleStatus s, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("vehicle_name", s.vehicleName());
        o.addProperty("battery_percent", s.batteryPercent());
        o.addProperty("range_km", s.rangeKm());
        o.addProperty("is_charging", s.charging());
        o.addProperty("location", s.location().json());
        o.addProperty("last_updated", time(s.lastUpdated(), zone));
        o.addProperty("is_mock", s.mock());
        o.addProperty("charging_rate_kw", s.chargingPowerKw());
        o.addProperty("latitude", s.latitude());
        o.addProperty("longitude", s.longitude());
        o.addProperty("address", s.address());
        o.addProperty("source", s.source().json());
        o.addProperty("is_stale", s.stale());
        o.addProperty("plugged_in", s.pluggedIn());
        o.addProperty("charging_state", s.chargingState());
        o.addProperty("range_estimated", s.rangeEstimated());
        return o;
    }

    public static JsonObject recommendation(Recommendation r, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("action", r.action().name());
        o.addProperty("reason", r.reason());
        o.addProperty("reason_nb", r.reasonNb());
        o.addProperty("timestamp", time(r.timestamp(), zone));
        o.addProperty("battery_percent", r.batteryPercent());
        o.addProperty("threshold", r.threshold());
        o.addProperty("priority_score", r.priorityScore());
        return o;
    }

    /** {@code GET /api/settings}. */
    public static JsonObject settings(HouseholdSettings s, List<VehicleSlot> cars) {
        JsonObject o = new JsonObject();
        o.addProperty("charge_threshold", (double) s.chargeThreshold());
        o.addProperty("update_interval_minutes", s.updateIntervalMinutes());
        addMockModes(o, s, cars);
        o.addProperty("minimum_charge_percent", s.minimumChargePercent());
        o.addProperty("minimum_range_km", s.minimumRangeKm());
        o.addProperty("hysteresis_points", s.hysteresisPoints());
        o.addProperty("retention_days", s.retentionDays());
        return o;
    }

    /**
     * The mock modes as {@code <id>_mock_mode}, in {@code /api/settings} and {@code /health}. The seed's
     * {@code tesla_mock_mode} and {@code ioniq_mock_mode} are those of the first car of that kind (as the seed's
     * status fields), and win over a car whose id happens to make the same key.
     */
    public static void addMockModes(JsonObject o, HouseholdSettings s, List<VehicleSlot> cars) {
        for (VehicleKind kind : SEED_KINDS) {
            cars.stream().filter(car -> car.kind() == kind).findFirst()
                    .ifPresent(car -> o.addProperty(kind.id() + "_mock_mode", s.mockMode(car.id())));
        }
        for (Map.Entry<String, Boolean> e : s.mockModes().entrySet()) {
            if (!o.has(e.getKey() + "_mock_mode")) {
                o.addProperty(e.getKey() + "_mock_mode", e.getValue());
            }
        }
    }

    /** {@code GET /api/scheduler}. */
    public static JsonObject scheduler(SchedulerStatus s, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("is_running", s.running());
        o.addProperty("update_interval_minutes", s.updateIntervalMinutes());
        o.add("next_run_time", timeOrNull(s.nextRunTime(), zone));
        JsonArray jobs = new JsonArray();
        for (SchedulerStatus.Job job : s.jobs()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", job.id());
            j.addProperty("name", job.name());
            j.add("next_run_time", timeOrNull(job.nextRunTime(), zone));
            jobs.add(j);
        }
        o.add("jobs", jobs);
        return o;
    }

    /** One row of {@code GET /api/history}: the original BatteryReading fields plus source and is_stale. */
    public static JsonObject reading(Reading r, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.id());
        o.addProperty("timestamp", time(r.timestamp(), zone));
        o.addProperty("vehicle", r.vehicle());
        o.addProperty("battery_percent", r.batteryPercent());
        o.addProperty("range_km", r.rangeKm());
        o.addProperty("location", r.location());
        o.addProperty("is_charging", r.charging());
        o.addProperty("is_mock", r.mock());
        o.addProperty("charging_rate_kw", r.chargingRateKw());
        o.addProperty("latitude", r.latitude());
        o.addProperty("longitude", r.longitude());
        o.addProperty("address", r.address());
        o.addProperty("source", r.source());
        o.addProperty("is_stale", r.stale());
        return o;
    }

    /** One row of {@code GET /api/recommendations}. */
    public static JsonObject storedRecommendation(StoredRecommendation r, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.id());
        o.addProperty("timestamp", time(r.timestamp(), zone));
        o.addProperty("vehicle", r.vehicle());
        o.addProperty("action", r.action());
        o.addProperty("reason", r.reason());
        o.addProperty("battery_percent", r.batteryPercent());
        o.addProperty("threshold", r.threshold());
        o.addProperty("priority_score", r.priorityScore());
        return o;
    }

    /** One row of {@code GET /api/errors}. */
    public static JsonObject error(StoredError e, ZoneId zone) {
        JsonObject o = new JsonObject();
        o.addProperty("id", e.id());
        o.addProperty("timestamp", time(e.timestamp(), zone));
        o.addProperty("service", e.service());
        o.addProperty("error_type", e.errorType());
        o.addProperty("message", e.message());
        return o;
    }

    public static JsonArray array(List<JsonObject> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
