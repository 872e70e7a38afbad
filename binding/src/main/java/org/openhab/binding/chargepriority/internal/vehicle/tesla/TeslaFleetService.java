package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.Vehicle;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tesla, read through the Fleet API in a way that lets it sleep and keeps the bill small:
 * <ol>
 * <li>a status younger than the cache time (5 min) is returned without any call;</li>
 * <li>when the month's cost is heading past the budget, polls are spaced out and the last status is returned;</li>
 * <li>{@code GET /api/1/vehicles/{vin}} tells whether the car is online;</li>
 * <li>only an online car is asked for {@code vehicle_data}. A sleeping or offline car is never woken: the last known
 * status is returned, marked stale.</li>
 * </ol>
 * When Tesla fails or does not answer, the last known status is returned stale; with none, the call throws.
 * <p>
 * The sign-in is the {@link TeslaAccount}'s, which other cars on the same account may share; the VIN, the API address
 * and the cost meter are this car's own.
 */
@NonNullByDefault
public final class TeslaFleetService implements VehicleService {

    public static final String ID = "tesla";

    private final Logger logger = LoggerFactory.getLogger(TeslaFleetService.class);
    private final TeslaConfig config;
    private final Clock clock;
    private final TeslaAccount account;
    private final TeslaTokenManager tokens;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TeslaCostMeter meter;
    private final FleetApiClient api;
    private final VehicleDataMapper mapper;

    private volatile @Nullable VehicleStatus lastStatus;
    /** The usable battery the car's last charge showed (see {@link VehicleDataMapper#capacityKwh}); kept in memory. */
    private volatile @Nullable Double reportedCapacity;
    private volatile @Nullable Instant lastDataAt;
    private volatile String vehicleState = "unknown";
    private volatile @Nullable String lastError;

    /**
     * A car with a sign-in of its own ({@value TokenStore#TOKEN_FILE} in the configuration's token folder).
     *
     * @param config validated configuration
     * @param clock time source; its zone decides the billing month (use Europe/Oslo or the system zone)
     * @param geofence sets HOME/AWAY from the car's position; null leaves it UNKNOWN for the household's geofence
     * @param sleeper waits between retries
     */
    public TeslaFleetService(TeslaConfig config, Clock clock, @Nullable HomeGeofence geofence, Sleeper sleeper) {
        this(config, clock, geofence, sleeper, HttpTransport.create(config.connectTimeout(), config.requestTimeout()),
                new SecureRandom());
    }

    TeslaFleetService(TeslaConfig config, Clock clock, @Nullable HomeGeofence geofence, Sleeper sleeper,
            HttpTransport http, SecureRandom random) {
        this(config, TeslaAccount.ofOneCar(config, http, clock, random), clock, geofence, sleeper, () -> {
        });
    }

    /**
     * A car on a shared account (see {@link TeslaAccounts}).
     *
     * @param release lets go of the account; run once, by {@link #close()}
     */
    TeslaFleetService(TeslaConfig config, TeslaAccount account, Clock clock, @Nullable HomeGeofence geofence,
            Sleeper sleeper, Runnable release) {
        this.config = config;
        this.clock = clock;
        this.account = account;
        this.tokens = account.tokens();
        this.release = release;
        this.meter = new TeslaCostMeter(config.usageFile(), clock, config.monthlyBudgetUsd());
        this.api = new FleetApiClient(account.http(), tokens, meter, config, sleeper, clock,
                ExponentialBackoff.forRateLimit(), ExponentialBackoff.forServerError());
        this.mapper = new VehicleDataMapper(ID, config.name(), geofence);
    }

    /** Builds the service with real sleeping between retries. Reads the token file; makes no network call. */
    public static TeslaFleetService create(TeslaConfig config, Clock clock, @Nullable HomeGeofence geofence) {
        return new TeslaFleetService(config, clock, geofence, Sleeper.THREAD);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public DataSource source() {
        return DataSource.FLEET_API;
    }

    /** The owner's sign-in (the account's, shared with the other cars on it), for the OAuth servlets. */
    public TeslaOAuth oauth() {
        return account.oauth();
    }

    @Override
    public @Nullable Double reportedCapacityKwh() {
        return reportedCapacity;
    }

    /** The account this car is read with. */
    public TeslaAccount account() {
        return account;
    }

    /** The VIN this car is read by. */
    public String vin() {
        return config.vin();
    }

    public TeslaCostMeter costMeter() {
        return meter;
    }

    /** The read calls, e.g. to list the account's cars during setup. */
    public FleetApiClient api() {
        return api;
    }

    public boolean isAuthorized() {
        return tokens.isAuthorized();
    }

    @Override
    public synchronized VehicleStatus fetch() throws VehicleException {
        Instant now = clock.instant();
        VehicleStatus cached = lastStatus;
        Instant cachedAt = lastDataAt;
        if (cached != null && cachedAt != null && now.isBefore(cachedAt.plus(config.cacheTtl()))) {
            return cached;
        }
        if (cached != null && meter.shouldSkipPoll(now)) {
            logger.debug("Tesla poll skipped to stay within the monthly Fleet API budget");
            return cached.withStale(true);
        }
        try {
            Vehicle vehicle = api.vehicle(config.vin());
            String state = vehicle.state() == null ? "unknown" : vehicle.state().toLowerCase(Locale.ROOT);
            vehicleState = state;
            if (!"online".equals(state)) {
                return sleeping(cached, state);
            }
            VehicleData data = api.vehicleData(config.vin());
            VehicleStatus status = mapper.map(data, now);
            Double capacity = VehicleDataMapper.capacityKwh(data);
            if (capacity != null) {
                reportedCapacity = capacity;
            }
            lastStatus = status;
            lastDataAt = now;
            lastError = null;
            return status;
        } catch (VehicleException e) {
            if (e.kind() == Kind.ASLEEP) {
                vehicleState = "asleep";
                return sleeping(cached, "asleep");
            }
            lastError = e.getMessage();
            if (e.kind() == Kind.COMMUNICATION && cached != null) {
                logger.debug("Tesla not readable, showing the last known state: {}", e.getMessage());
                return cached.withStale(true);
            }
            throw e;
        }
    }

    private VehicleStatus sleeping(@Nullable VehicleStatus cached, String state) throws VehicleException {
        lastError = null;
        if (cached == null) {
            throw new VehicleException(Kind.ASLEEP, "The Tesla is " + state + " and nothing is known about it yet. "
                    + "It is not woken up; its state appears after it wakes (driving, charging or the Tesla app).");
        }
        return cached.withStale(true);
    }

    @Override
    public @Nullable String problem() {
        return lastError;
    }

    @Override
    public Map<String, Object> diagnostics() {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>(meter.diagnostics(now));
        out.put("vehicle_state", vehicleState);
        out.put("account", account.id());
        out.put("authorized", tokens.isAuthorized());
        String problem = tokens.problem();
        if (problem != null) {
            out.put("authorization_problem", problem);
        }
        String error = lastError;
        if (error != null) {
            out.put("last_error", error);
        }
        Instant dataAt = lastDataAt;
        if (dataAt != null) {
            out.put("last_vehicle_data", dataAt.toString());
        }
        out.put("cache_seconds", config.cacheTtl().toSeconds());
        Double capacity = reportedCapacity;
        if (capacity != null) {
            out.put("battery_capacity_kwh", capacity);
        }
        return out;
    }

    /** Lets go of the account; the last car of an account closes it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    /** Minimum poll interval the cost meter recommends now (zero when within budget). */
    public Duration recommendedMinimumInterval() {
        return meter.recommendedMinimumInterval(clock.instant());
    }
}
