package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.store.Reading;
import org.openhab.binding.chargepriority.internal.store.StoreException;
import org.openhab.binding.chargepriority.internal.store.StoredError;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulatedVehicle;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationOverride;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

/**
 * The REST API under {@code /chargepriority/api} and the health check {@code /chargepriority/health}: the original
 * service's endpoints (§4.1) plus recommendations, errors and the simulation control.
 *
 * <p>
 * Every refused request gets a JSON body {@code {"error", "detail", "field"}} and changes nothing: all input is
 * checked before anything is applied. A 500 is only ever a bug.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName(ApiServlet.NAME)
@HttpWhiteboardServletPattern({ ApiServlet.API_PATTERN, ApiServlet.HEALTH_PATTERN })
@NonNullByDefault
public class ApiServlet extends HttpServlet {

    public static final String NAME = "chargepriority-api";
    public static final String API_PATTERN = "/chargepriority/api/*";
    public static final String HEALTH_PATTERN = "/chargepriority/health";
    static final String PREFIX = "/chargepriority";

    /** How far back history queries may look: the default retention, 90 days. */
    static final int MAX_HOURS = 2160;
    static final int DEFAULT_HOURS = 24;
    /** The longest step of a thinned-out history: one day. */
    static final int MAX_STEP_MINUTES = 1440;
    /** An unneeded body is read and dropped up to this size; beyond it the connection is closed. */
    private static final long MAX_DRAIN_BYTES = 1024 * 1024;
    /** How long {@code PUT /api/simulation} waits for the update that shows the change. */
    static final Duration SIMULATION_WAIT = Duration.ofSeconds(30);

    private static final long serialVersionUID = 1L;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Set<String> MOCK_MODE_FIELDS = Set.of("enabled");
    private static final Set<String> SIMULATION_FIELDS = Set.of("battery_percent", "charging", "plugged_in", "at_home",
            "schedule");
    private static final Set<String> PUSHED_FIELDS = Set.of("battery_percent", "range_km", "is_charging",
            "charging_rate_kw", "latitude", "longitude", "at_home");
    private static final String GET = "GET, HEAD, OPTIONS";
    private static final String POST = "POST, OPTIONS";
    private static final String PUT = "PUT, OPTIONS";
    private static final String ANY = "GET, HEAD, POST, PUT, OPTIONS";

    private final transient Logger logger = LoggerFactory.getLogger(ApiServlet.class);
    private final transient HouseholdRegistry registry;
    private final transient StatusCache statusCache = new StatusCache();

    /** A matched endpoint: its allowed methods and, for /{vehicle} paths, the vehicle id. */
    private static final Set<String> DEPARTURE_FIELDS = Set.of("departures", "target_percent",
            "battery_capacity_kwh");

    private record Route(String name, String allow, @Nullable String vehicle) {
    }

    @Activate
    public ApiServlet(@Reference HouseholdRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void service(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp) throws IOException {
        if (req == null || resp == null) {
            return;
        }
        try {
            handle(req, resp);
        } catch (ApiException e) {
            logger.debug("{} {} refused: {} {}", req.getMethod(), req.getRequestURI(), e.status(), e.getMessage());
            if (!resp.isCommitted()) {
                HttpJson.error(resp, e);
            }
        } catch (RuntimeException e) {
            logger.warn("{} {} failed: {}", req.getMethod(), req.getRequestURI(), e.toString(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                HttpJson.error(resp, 500, "internal_error",
                        "The server failed to answer this request; the log has the details");
            }
        } finally {
            drain(req);
        }
    }

    /**
     * Reads what is left of a request body the answer did not need (an error before the body was read, a body sent
     * to an endpoint that takes none). Left unread, the container closes the connection with data in its receive
     * buffer, the client's TCP stack gets a reset, and the client loses the answer that was already sent.
     */
    private static void drain(HttpServletRequest req) {
        try {
            InputStream in = req.getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while (total < MAX_DRAIN_BYTES && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // read as a reader already, or the client went away: nothing left to do
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws ApiException, IOException {
        String path = path(req);
        String method = req.getMethod();
        WebSecurity security = registry.security();
        if ("/health".equals(path)) {
            if ("OPTIONS".equals(method)) {
                RequestGuard.answerOptions(req, resp, security, GET);
                return;
            }
            requireMethod(resp, method, GET);
            health(resp, registry.current());
            return;
        }
        RequestGuard.addCorsHeaders(req, resp, security);
        if ("OPTIONS".equals(method)) {
            Route route = route(path);
            RequestGuard.answerOptions(req, resp, security, route != null ? route.allow() : ANY);
            return;
        }
        if (!RequestGuard.isSafeMethod(method)) {
            RequestGuard.checkOrigin(req, security);
        }
        RequestGuard.checkToken(req, resp, security);
        Route route = route(path);
        if (route == null) {
            throw new ApiException(404, "not_found", "No such API endpoint: " + PREFIX + path);
        }
        requireMethod(resp, method, route.allow());
        Household household = registry.current();
        if (household == null) {
            throw new ApiException(503, "not_ready", "The household is not running yet");
        }
        String vehicle = route.vehicle();
        switch (route.name()) {
            case "status" -> HttpJson.write(resp, 200, statusCache.get(household).bytes());
            case "update" -> update(resp, household);
            case "history" -> history(req, resp, household);
            case "recommendations" -> recommendations(req, resp, household);
            case "errors" -> errors(req, resp, household);
            case "settings" -> HttpJson.write(resp, 200, StatusJson.settings(household.settings(), household.slots()));
            case "threshold" -> threshold(req, resp, household);
            case "mock-mode" -> mockMode(req, resp, household, vehicle != null ? vehicle : "");
            case "scheduler" -> HttpJson.write(resp, 200,
                    StatusJson.scheduler(household.schedulerStatus(), household.clock().getZone()));
            case "simulation" -> simulation(req, resp, household, vehicle != null ? vehicle : "");
            case "vehicle" -> vehicle(resp, household, vehicle != null ? vehicle : "");
            case "vehicle-status" -> vehicleStatus(req, resp, household, vehicle != null ? vehicle : "");
            case "plan" -> HttpJson.write(resp, 200,
                    PlanJson.plan(household.snapshot(), household.clock().getZone(), household.clock().instant()));
            case "departure" -> departure(req, resp, household, vehicle != null ? vehicle : "");
            default -> throw new IllegalStateException("Route without a handler: " + route.name());
        }
    }

    /** {@code GET /api/vehicles/{id}}: one car as in the status's {@code vehicles}, with its status and advice. */
    private static void vehicle(HttpServletResponse resp, Household household, String id)
            throws IOException, ApiException {
        HouseholdSnapshot snapshot = household.snapshot();
        VehicleView view = snapshot.vehicle(id);
        if (view == null) {
            throw new ApiException(404, "unknown_vehicle", "No car with the id " + id + " in this household",
                    "vehicle");
        }
        HttpJson.write(resp, 200, StatusJson.vehicleEntry(view, household.clock().getZone()));
    }

    /**
     * {@code PUT /api/vehicles/{id}/status}: the values of a car that is given them ({@code http} car); every field is
     * checked before any is applied. Answers the car as {@code GET /api/vehicles/{id}} does, after the household
     * decided again (202 when that takes longer than a few seconds).
     */
    private void vehicleStatus(HttpServletRequest req, HttpServletResponse resp, Household household, String id)
            throws ApiException, IOException {
        VehicleSlot slot = slot(household, id);
        if (!(slot.real() instanceof PushedVehicle car)) {
            throw new ApiException(409, "not_pushed", "The " + slot.name()
                    + " is read by the binding itself; only cars of kind http take their values by PUT", "vehicle");
        }
        JsonBody body = JsonBody.read(req).allowOnly(PUSHED_FIELDS);
        if (body.isEmpty()) {
            throw new ApiException(400, "missing_field", "Give at least one of " + new TreeSet<>(PUSHED_FIELDS));
        }
        Double battery = body.optionalNumber("battery_percent");
        Double range = body.optionalNumber("range_km");
        Double power = body.optionalNumber("charging_rate_kw");
        Double lat = body.optionalNumber("latitude");
        Double lon = body.optionalNumber("longitude");
        Boolean charging = body.optionalBoolean("is_charging");
        Boolean atHome = body.optionalBoolean("at_home");
        check(battery == null || (battery >= 0 && battery <= 100), "battery_percent", "from 0 to 100");
        check(range == null || (range >= 0 && range <= 2000), "range_km", "from 0 to 2000");
        check(power == null || (power >= 0 && power <= 1000), "charging_rate_kw", "from 0 to 1000");
        check(lat == null || (lat >= -90 && lat <= 90), "latitude", "from -90 to 90");
        check(lon == null || (lon >= -180 && lon <= 180), "longitude", "from -180 to 180");
        if ((lat == null) != (lon == null)) {
            throw new ApiException(400, "missing_field", "Give latitude and longitude together",
                    lat == null ? "latitude" : "longitude");
        }
        // All checked: now apply, so a bad request changes nothing.
        if (battery != null) {
            car.batteryPercent(battery);
        }
        if (range != null) {
            car.rangeKm(range);
        }
        if (power != null) {
            car.powerKw(power);
        }
        if (charging != null) {
            car.charging(charging);
        }
        if (lat != null && lon != null) {
            car.position(lat, lon);
        }
        if (atHome != null) {
            car.atHome(atHome);
        }
        HouseholdSnapshot snapshot = freshSnapshot(resp, household);
        if (snapshot != null) {
            VehicleView view = snapshot.vehicle(id);
            HttpJson.write(resp, 200, view != null ? StatusJson.vehicleEntry(view, household.clock().getZone())
                    : new JsonObject());
        }
    }

    /**
     * {@code GET/PUT /api/vehicles/{id}/departure}: a car's departure per weekday, target and battery capacity. PUT
     * changes the fields it names (null clears one: no departure that day, the household's threshold, the car's own
     * capacity), checks all before applying any, re-plans and answers with the new values.
     */
    private void departure(HttpServletRequest req, HttpServletResponse resp, Household household, String id)
            throws ApiException, IOException {
        slot(household, id);
        DepartureSchedule current = household.departure(id);
        if ("PUT".equals(req.getMethod())) {
            JsonBody body = JsonBody.read(req).allowOnly(DEPARTURE_FIELDS);
            if (body.isEmpty()) {
                throw new ApiException(400, "missing_field", "Give at least one of " + new TreeSet<>(DEPARTURE_FIELDS));
            }
            Map<DayOfWeek, LocalTime> times = new EnumMap<>(DayOfWeek.class);
            times.putAll(current.times());
            if (body.has("departures")) {
                times = departureTimes(body.optionalElement("departures"), times);
            }
            Integer target = current.targetPercent();
            if (body.has("target_percent")) {
                Double t = body.optionalNumber("target_percent");
                check(t == null || (t >= 10 && t <= 100 && t == Math.rint(t)), "target_percent",
                        "an integer from 10 to 100, or null for the household's charge threshold");
                target = t == null ? null : (int) Math.rint(t);
            }
            Double capacity = current.capacityKwh();
            if (body.has("battery_capacity_kwh")) {
                Double c = body.optionalNumber("battery_capacity_kwh");
                check(c == null || (c >= 5 && c <= 250), "battery_capacity_kwh",
                        "a number from 5 to 250, or null for the car's own");
                capacity = c;
            }
            current = new DepartureSchedule(times, target, capacity);
            household.setDeparture(id, current);
        }
        HttpJson.write(resp, 200, PlanJson.departure(id, current, household.settings().chargeThreshold(),
                household.effectiveCapacity(id)));
    }

    /**
     * The departures as text ({@code "Mon-Fri 07:30, Sat 09:00"}, {@code ""} for none) or as an object of days
     * ({@code {"mon": "07:30", "sat": null}}: the days named change, null removes that day's departure).
     */
    private static Map<DayOfWeek, LocalTime> departureTimes(@Nullable JsonElement value,
            Map<DayOfWeek, LocalTime> current) throws ApiException {
        if (value == null) {
            return new EnumMap<>(DayOfWeek.class);
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            try {
                return DepartureSchedule.parseTimes(value.getAsString());
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "invalid_value", String.valueOf(e.getMessage()), "departures");
            }
        }
        if (!value.isJsonObject()) {
            throw new ApiException(400, "invalid_type",
                    "'departures' must be a text like \"Mon-Fri 07:30\" or an object like {\"mon\": \"07:30\"}",
                    "departures");
        }
        Map<DayOfWeek, LocalTime> times = new EnumMap<>(DayOfWeek.class);
        times.putAll(current);
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            DayOfWeek day = DepartureSchedule.day(e.getKey());
            if (day == null) {
                throw new ApiException(400, "unknown_field",
                        "'" + e.getKey() + "' is not a day: use mon, tue, wed, thu, fri, sat, sun", "departures");
            }
            JsonElement t = e.getValue();
            if (t.isJsonNull()) {
                times.remove(day);
            } else if (t.isJsonPrimitive() && t.getAsJsonPrimitive().isString()) {
                try {
                    times.put(day, LocalTime.parse(t.getAsString()));
                } catch (DateTimeParseException ex) {
                    throw new ApiException(422, "invalid_value",
                            "departures." + e.getKey() + " must be a time HH:MM, was '" + t.getAsString() + "'",
                            "departures");
                }
            } else {
                throw new ApiException(400, "invalid_type",
                        "departures." + e.getKey() + " must be a time \"HH:MM\" or null", "departures");
            }
        }
        return times;
    }

    /**
     * Decides again after a change and returns the snapshot that shows it; when that takes longer than a few
     * seconds, answers 202 and returns null.
     */
    private static @Nullable HouseholdSnapshot freshSnapshot(HttpServletResponse resp, Household household)
            throws ApiException, IOException {
        CompletableFuture<HouseholdSnapshot> update = household.requestFreshUpdate();
        try {
            return update.get(SIMULATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            JsonObject o = new JsonObject();
            o.addProperty("status", "update pending");
            o.addProperty("detail", "The change is applied; the update that shows it is still running");
            HttpJson.write(resp, 202, o);
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("The update after the change failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "The server is shutting down");
        }
    }

    private static void check(boolean ok, String field, String range) throws ApiException {
        if (!ok) {
            throw new ApiException(422, "invalid_value", field + " must be " + range, field);
        }
    }

    /** The path below {@code /chargepriority}, e.g. {@code /api/status}. */
    private static String path(HttpServletRequest req) {
        String servletPath = req.getServletPath();
        String pathInfo = req.getPathInfo();
        String full = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return full.startsWith(PREFIX) ? full.substring(PREFIX.length()) : full;
    }

    private static @Nullable Route route(String path) {
        switch (path) {
            case "/api/status":
                return new Route("status", GET, null);
            case "/api/update":
                return new Route("update", POST, null);
            case "/api/history":
                return new Route("history", GET, null);
            case "/api/recommendations":
                return new Route("recommendations", GET, null);
            case "/api/errors":
                return new Route("errors", GET, null);
            case "/api/settings":
                return new Route("settings", GET, null);
            case "/api/settings/threshold":
                return new Route("threshold", PUT, null);
            case "/api/scheduler":
                return new Route("scheduler", GET, null);
            case "/api/plan":
                return new Route("plan", GET, null);
            default:
                break;
        }
        String vehicle = segmentAfter(path, "/api/settings/mock-mode/");
        if (vehicle != null) {
            return new Route("mock-mode", PUT, vehicle);
        }
        vehicle = segmentAfter(path, "/api/simulation/");
        if (vehicle != null) {
            return new Route("simulation", PUT, vehicle);
        }
        vehicle = segmentAfter(path, "/api/vehicles/");
        if (vehicle != null) {
            return new Route("vehicle", GET, vehicle);
        }
        if (path.startsWith("/api/vehicles/") && path.endsWith("/departure")) {
            vehicle = segmentAfter(path.substring(0, path.length() - "/departure".length()), "/api/vehicles/");
            if (vehicle != null) {
                return new Route("departure", GET + ", " + PUT, vehicle);
            }
        }
        if (path.startsWith("/api/vehicles/") && path.endsWith("/status")) {
            vehicle = segmentAfter(path.substring(0, path.length() - "/status".length()), "/api/vehicles/");
            if (vehicle != null) {
                return new Route("vehicle-status", PUT, vehicle);
            }
        }
        return null;
    }

    private static @Nullable String segmentAfter(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    /** 405 with the Allow header when the method is not one of {@code allow}. */
    static void requireMethod(HttpServletResponse resp, String method, String allow) throws ApiException {
        for (String m : allow.split(", ")) {
            if (m.equals(method)) {
                return;
            }
        }
        resp.setHeader("Allow", allow);
        throw new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allow);
    }

    private void health(HttpServletResponse resp, @Nullable Household household) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("status", household != null ? "healthy" : "starting");
        if (household != null) {
            HouseholdSettings settings = household.settings();
            StatusJson.addMockModes(o, settings, household.slots());
            o.addProperty("scheduler_running", household.schedulerStatus().running());
        }
        HttpJson.write(resp, household != null ? 200 : 503, o);
    }

    private void update(HttpServletResponse resp, Household household) throws IOException {
        household.requestUpdate();
        JsonObject o = new JsonObject();
        o.addProperty("status", "update triggered");
        HttpJson.write(resp, 202, o);
    }

    private static int hours(HttpServletRequest req) throws ApiException {
        String text = parameter(req, "hours");
        if (text == null) {
            return DEFAULT_HOURS;
        }
        String trimmed = text.trim();
        int hours = DIGITS.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : -1;
        if (hours < 1 || hours > MAX_HOURS) {
            throw new ApiException(400, "invalid_hours",
                    "hours must be a whole number from 1 to " + MAX_HOURS + ", was '" + shorten(text) + "'", "hours");
        }
        return hours;
    }

    /**
     * Optional {@code step_minutes} of {@code /api/history}: at most one reading per car per step (the first of each),
     * for charts of long windows; without it every reading. 90 days of one reading a minute are 260,000 readings
     * (75 MB of JSON); with a step of 60 minutes, 4,320.
     */
    private static @Nullable Integer stepMinutes(HttpServletRequest req) throws ApiException {
        String text = parameter(req, "step_minutes");
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        int step = DIGITS.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : -1;
        if (step < 1 || step > MAX_STEP_MINUTES) {
            throw new ApiException(400, "invalid_step",
                    "step_minutes must be a whole number from 1 to " + MAX_STEP_MINUTES + ", was '" + shorten(text)
                            + "'",
                    "step_minutes");
        }
        return step;
    }

    /**
     * A request parameter. The container also reads parameters from a form body ({@code Content-Type:
     * application/x-www-form-urlencoded}) and throws on one it cannot parse (bad encoding, too large): that is the
     * client's error, a 400, not a 500.
     */
    static @Nullable String parameter(HttpServletRequest req, String name) throws ApiException {
        try {
            return req.getParameter(name);
        } catch (RuntimeException e) {
            throw new ApiException(400, "invalid_parameters",
                    "The request's parameters cannot be read (a malformed or too large form body?)");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static HistoryStore store(Household household) throws ApiException {
        HistoryStore store = household.store();
        if (store == null) {
            throw new ApiException(503, "history_unavailable", "This installation keeps no history");
        }
        return store;
    }

    private void history(HttpServletRequest req, HttpServletResponse resp, Household household)
            throws ApiException, IOException {
        int hours = hours(req);
        Instant now = household.clock().instant();
        HistoryStore store = store(household);
        ZoneId zone = household.clock().getZone();
        Integer step = stepMinutes(req);
        try {
            List<Reading> readings = step == null ? store.readings(from(now, hours), to(now), null)
                    : store.readingsSampled(from(now, hours), to(now), Duration.ofMinutes(step));
            writeList(resp, "readings", readings, r -> StatusJson.reading(r, zone), null);
        } catch (StoreException e) {
            throw new ApiException(503, "history_unavailable", "The history cannot be read: " + e.getMessage());
        }
    }

    private void recommendations(HttpServletRequest req, HttpServletResponse resp, Household household)
            throws ApiException, IOException {
        int hours = hours(req);
        Instant now = household.clock().instant();
        HistoryStore store = store(household);
        ZoneId zone = household.clock().getZone();
        try {
            writeList(resp, "recommendations", store.recommendations(from(now, hours), to(now), null),
                    r -> StatusJson.storedRecommendation(r, zone), null);
        } catch (StoreException e) {
            throw new ApiException(503, "history_unavailable", "The history cannot be read: " + e.getMessage());
        }
    }

    /** From the history; when it cannot be read, the errors this process remembers (source "memory"). */
    private void errors(HttpServletRequest req, HttpServletResponse resp, Household household)
            throws ApiException, IOException {
        int hours = hours(req);
        Instant now = household.clock().instant();
        Instant from = from(now, hours);
        ZoneId zone = household.clock().getZone();
        HistoryStore store = household.store();
        List<StoredError> errors = null;
        if (store != null) {
            try {
                errors = store.errors(from, to(now), null);
            } catch (StoreException e) {
                logger.debug("Errors from memory: the history cannot be read: {}", e.getMessage());
            }
        }
        String source = "history";
        if (errors == null) {
            source = "memory";
            errors = household.recentErrors().stream().filter(e -> !e.timestamp().isBefore(from)).toList();
        } else {
            // Those the history could not take (it is full or read-only) are shown all the same.
            List<StoredError> unsaved = household.unsavedErrors().stream()
                    .filter(e -> !e.timestamp().isBefore(from)).toList();
            if (!unsaved.isEmpty()) {
                List<StoredError> all = new ArrayList<>(errors);
                all.addAll(unsaved);
                all.sort(Comparator.comparing(StoredError::timestamp).reversed());
                errors = all;
            }
        }
        writeList(resp, "errors", errors, e -> StatusJson.error(e, zone), source);
    }

    private static Instant from(Instant now, int hours) {
        return now.minus(Duration.ofHours(hours));
    }

    /** Rows stamped up to a day ahead are included: the clock may have been set back since they were written. */
    private static Instant to(Instant now) {
        return now.plus(Duration.ofDays(1));
    }

    /** Streams {@code {"<name>": [rows...]}} without building the whole document in memory. */
    private static <T> void writeList(HttpServletResponse resp, String name, List<T> rows,
            Function<T, JsonElement> toJson, @Nullable String source) throws IOException {
        resp.setStatus(200);
        resp.setContentType(HttpJson.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        Writer out = new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8);
        JsonWriter json = new JsonWriter(out);
        json.setSerializeNulls(true);
        json.beginObject().name(name).beginArray();
        for (T row : rows) {
            StatusJson.GSON.toJson(toJson.apply(row), json);
        }
        json.endArray();
        if (source != null) {
            json.name("source").value(source);
        }
        json.name("count").value(rows.size());
        json.endObject();
        json.flush();
    }

    private void threshold(HttpServletRequest req, HttpServletResponse resp, Household household)
            throws ApiException, IOException {
        String text = parameter(req, "threshold");
        String trimmed = text == null ? "" : text.trim();
        int threshold = DIGITS.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : -1;
        if (threshold < 50 || threshold > 100) {
            throw new ApiException(422, "invalid_threshold",
                    text == null ? "threshold is required: a whole number from 50 to 100, e.g. ?threshold=85"
                            : "threshold must be a whole number from 50 to 100, was '" + shorten(text) + "'",
                    "threshold");
        }
        try {
            household.updateSettings(s -> s.withChargeThreshold(threshold));
        } catch (InvalidSettingException e) {
            throw new ApiException(422, "invalid_threshold", String.valueOf(e.getMessage()), "threshold");
        }
        JsonObject o = new JsonObject();
        o.addProperty("status", "success");
        o.addProperty("charge_threshold", threshold);
        HttpJson.write(resp, 200, o);
    }

    /**
     * The car with this id; for the seed's paths ({@code /mock-mode/tesla}, {@code /simulation/ioniq}) in a household
     * without a car of that id, the first car of the kind, which the seed's fields show.
     */
    private static VehicleSlot slot(Household household, String vehicle) throws ApiException {
        VehicleSlot slot = household.slot(vehicle);
        VehicleKind kind = VehicleKind.fromId(vehicle);
        if (slot == null && kind != null && kind != VehicleKind.VEHICLE) {
            slot = household.slots().stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
        }
        if (slot == null) {
            List<String> ids = household.slots().stream().map(VehicleSlot::id).toList();
            throw new ApiException(404, "unknown_vehicle",
                    "No vehicle '" + shorten(vehicle) + "'; the vehicles are " + ids, "vehicle");
        }
        return slot;
    }

    private void mockMode(HttpServletRequest req, HttpServletResponse resp, Household household, String vehicle)
            throws ApiException, IOException {
        VehicleSlot slot = slot(household, vehicle);
        boolean enabled = JsonBody.read(req).allowOnly(MOCK_MODE_FIELDS).requireBoolean("enabled");
        try {
            household.setMockMode(slot.id(), enabled);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "not_configured", String.valueOf(e.getMessage()), "enabled");
        }
        JsonObject o = new JsonObject();
        o.addProperty("status", "success");
        o.addProperty("vehicle", slot.id());
        o.addProperty("mock_mode", enabled);
        HttpJson.write(resp, 200, o);
    }

    private void simulation(HttpServletRequest req, HttpServletResponse resp, Household household, String vehicle)
            throws ApiException, IOException {
        VehicleSlot slot = slot(household, vehicle);
        JsonBody body = JsonBody.read(req).allowOnly(SIMULATION_FIELDS);
        if (body.isEmpty()) {
            throw new ApiException(400, "missing_field",
                    "Give at least one of " + new TreeSet<>(SIMULATION_FIELDS));
        }
        Double battery = body.optionalNumber("battery_percent");
        if (battery != null && !(battery >= 0 && battery <= 100)) {
            throw new ApiException(422, "invalid_value", "battery_percent must be from 0 to 100, was " + battery,
                    "battery_percent");
        }
        SimulationOverride change = new SimulationOverride(battery, body.optionalBoolean("charging"),
                body.optionalBoolean("plugged_in"), body.optionalBoolean("at_home"), body.optionalBoolean("schedule"));
        if (!household.settings().mockMode(slot.id())) {
            throw new ApiException(409, "not_in_mock_mode", "The " + slot.name()
                    + " is read from the real car; switch it to mock mode to set its simulated state", "vehicle");
        }
        SimulatedVehicle simulated = slot.simulation();
        if (simulated == null) {
            throw new ApiException(409, "not_simulated", "The " + slot.name() + " has no simulation: its values are "
                    + "given to the binding", "vehicle");
        }
        simulated.apply(change);
        HouseholdSnapshot snapshot = freshSnapshot(resp, household);
        if (snapshot != null) {
            HttpJson.write(resp, 200, statusCache.get(household, snapshot).bytes());
        }
    }
}
