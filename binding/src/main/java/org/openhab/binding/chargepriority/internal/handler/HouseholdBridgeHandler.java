package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.NightPlan;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.openhab.binding.chargepriority.internal.geo.GeoEnricher;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.geo.NominatimGeocoder;
import org.openhab.binding.chargepriority.internal.geo.NominatimSettings;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.store.StoreException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.AccountMismatchException;
import org.openhab.binding.chargepriority.internal.web.HouseholdRegistry;
import org.openhab.binding.chargepriority.internal.web.WebSecurity;
import org.openhab.core.OpenHAB;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.LocationProvider;
import org.openhab.core.i18n.TimeZoneProvider;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.binding.BaseBridgeHandler;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.types.Command;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code household} bridge: builds the {@link Household} (the cars of its child Things, simulated or real, and
 * the history database) on the handler's scheduler, registers it with the web layer, and shows its answer on the
 * channels. The household is rebuilt when a car Thing comes, goes or changes its connection.
 */
@NonNullByDefault
public class HouseholdBridgeHandler extends BaseBridgeHandler {

    /** Car Things initialize just after their bridge: wait this long so the first household has them all. */
    static final Duration SETTLE_DELAY = Duration.ofSeconds(2);
    /** How often a bridge without a home of its own looks whether openHAB's location was set or moved. */
    static final Duration LOCATION_CHECK = Duration.ofSeconds(10);

    private record Car(VehicleHandler handler, VehicleSetup setup) {
    }

    private final Logger logger = LoggerFactory.getLogger(HouseholdBridgeHandler.class);
    private final HouseholdRegistry registry;
    private final LocationProvider locationProvider;
    private final LocaleProvider localeProvider;
    private final Supplier<Clock> clock;
    private final Duration settleDelay;
    private final Duration locationCheck;

    // Guarded by "this". The cars outlive a dispose/initialize of this handler: their Things stay initialized.
    private final Map<String, Car> cars = new LinkedHashMap<>();
    private final Map<String, VehicleSetup> builtFrom = new HashMap<>();
    private @Nullable HouseholdConfiguration config;
    private HouseholdConfiguration.@Nullable Home home;
    private @Nullable ScheduledFuture<?> buildJob;
    private @Nullable ScheduledFuture<?> locationJob;
    private @Nullable PointType usedLocation;
    private @Nullable SettingsOverrides overrides;
    /** The plan last sent as a time series (a plan is sent once, not with every snapshot showing it). */
    private volatile @Nullable NightPlan lastSeries;
    private final Object buildLock = new Object();
    private @Nullable HistoryStore store;
    private @Nullable Household household;
    private long lastPublished;
    /** The price source and its cache, kept while its settings stay the same: a rebuild does not ask again. */
    private PlanPrices.@Nullable Provider prices;
    private String pricesFor = "";

    public HouseholdBridgeHandler(Bridge bridge, HouseholdRegistry registry, LocationProvider locationProvider,
            TimeZoneProvider timeZoneProvider, LocaleProvider localeProvider) {
        this(bridge, registry, locationProvider, localeProvider, () -> Clock.system(timeZoneProvider.getTimeZone()),
                SETTLE_DELAY, LOCATION_CHECK);
    }

    HouseholdBridgeHandler(Bridge bridge, HouseholdRegistry registry, LocationProvider locationProvider,
            LocaleProvider localeProvider, Supplier<Clock> clock, Duration settleDelay, Duration locationCheck) {
        super(bridge);
        this.registry = registry;
        this.locationProvider = locationProvider;
        this.localeProvider = localeProvider;
        this.clock = clock;
        this.settleDelay = settleDelay;
        this.locationCheck = locationCheck;
    }

    @Override
    public void initialize() {
        HouseholdConfiguration c = getConfigAs(HouseholdConfiguration.class);
        SettingsOverrides changes;
        try {
            c.validate();
            changes = SettingsOverrides.besides(c.historyPath(OpenHAB.getUserDataFolder()),
                    getThing().getUID().getId());
            Configuration withChanges = changes.apply(getConfig());
            if (withChanges != null) { // settings changed at run time that a .things file does not keep
                updateConfiguration(withChanges);
                c = getConfigAs(HouseholdConfiguration.class);
                c.validate();
            }
        } catch (InvalidConfigurationException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.statusDescription());
            return;
        }
        synchronized (this) {
            config = c;
            overrides = changes;
        }
        if (!c.hasOwnHome()) {
            // openHAB's location (Settings, Regional Settings) can be set or moved at any time, and openHAB tells no
            // one: look again every locationCheck while the bridge depends on it.
            scheduleLocationCheck(c);
        }
        applyHome(c, locationProvider.getLocation());
    }

    /** Starts (or restarts) the household with this home; without one, says so and waits for openHAB's location. */
    private void applyHome(HouseholdConfiguration c, @Nullable PointType openHabLocation) {
        HouseholdConfiguration.Home h;
        try {
            h = c.home(openHabLocation);
        } catch (InvalidConfigurationException e) {
            synchronized (this) {
                if (config != c) {
                    return;
                }
                home = null;
                usedLocation = null;
            }
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.statusDescription());
            return;
        }
        synchronized (this) {
            if (config != c) {
                return; // disposed meanwhile
            }
            home = h;
            usedLocation = openHabLocation;
        }
        updateStatus(ThingStatus.UNKNOWN);
        scheduleBuild();
    }

    private synchronized void scheduleLocationCheck(HouseholdConfiguration c) {
        if (config != c) {
            return;
        }
        locationJob = scheduler.schedule(() -> checkLocation(c), locationCheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkLocation(HouseholdConfiguration c) {
        PointType now = locationProvider.getLocation();
        PointType used;
        synchronized (this) {
            if (config != c) {
                return; // disposed or re-initialized
            }
            used = usedLocation;
        }
        if (!Objects.equals(now, used)) {
            logger.debug("openHAB's location is now {}: the household of {} follows it", now, getThing().getUID());
            stopHousehold();
            applyHome(c, now);
        }
        scheduleLocationCheck(c);
    }

    private synchronized void scheduleBuild() {
        if (config == null) {
            return;
        }
        ScheduledFuture<?> pending = buildJob;
        if (pending != null) {
            pending.cancel(false);
        }
        buildJob = scheduler.schedule(this::build, settleDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void build() {
        try {
            // One build at a time: two on the scheduler's threads at once (a car added while the first builds) could
            // finish in the wrong order, the older household replacing the newer and the added car left out.
            synchronized (buildLock) {
                buildHousehold();
            }
        } catch (RuntimeException e) {
            logger.warn("The household could not be started: {}", e.getMessage(), e);
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.getMessage());
        }
    }

    private void buildHousehold() {
        HouseholdConfiguration c;
        HouseholdConfiguration.Home h;
        List<Car> wanted;
        synchronized (this) {
            c = config;
            h = home;
            if (c == null || h == null) {
                return;
            }
            buildJob = null;
            wanted = List.copyOf(cars.values());
            if (household != null && servesAll(wanted)) {
                return;
            }
        }
        HistoryStore s = openStore(c);
        if (s == null) {
            return;
        }
        // Cars in a stable order (the first of each kind is the seed API's "tesla"/"ioniq"), with distinct names.
        Map<String, String> names = CarNames.of(wanted.stream().map(Car::setup).toList());
        Map<String, VehicleService> real = new HashMap<>();
        Map<String, VehicleSetup> included = new LinkedHashMap<>();
        for (Car car : wanted.stream().sorted(Comparator.comparing(Car::setup, CarNames.ORDER)).toList()) {
            VehicleSetup setup = car.setup();
            if (!setup.mockMode()) {
                VehicleService service = openRealSource(car, names.getOrDefault(setup.vehicleId(), setup.vehicleId()));
                if (service == null) {
                    continue;
                }
                real.put(setup.vehicleId(), service);
            }
            included.put(setup.vehicleId(), setup);
        }
        Map<String, Boolean> mockModes = new LinkedHashMap<>();
        included.forEach((id, setup) -> mockModes.put(id, setup.mockMode()));
        Clock now = clock.get();
        Simulation simulation = Simulation.forCars(now, h.latitude(), h.longitude(),
                included.values().stream().filter(setup -> setup.kind() != VehicleKind.VEHICLE)
                        .map(setup -> new Simulation.Car(setup.vehicleId(), setup.kind(),
                                names.getOrDefault(setup.vehicleId(), setup.vehicleId())))
                        .toList(),
                s::lastSimulatedBatteryPercent);
        List<VehicleSlot> slots = new ArrayList<>();
        included.forEach((id, setup) -> slots.add(new VehicleSlot(id, setup.kind(), names.getOrDefault(id, id),
                simulation.vehicle(id), real.get(id)))); // vehicle Things: no simulation, their values are given
        // Home/away from the geofence (openHAB's location by default) and addresses from Nominatim, for real cars.
        GeoEnricher geo = new GeoEnricher(
                new HomeGeofence(h.latitude(), h.longitude(), h.radiusMetres(), HomeGeofence.DEFAULT_HYSTERESIS_METERS),
                new NominatimGeocoder(NominatimSettings.defaults().withEnabled(c.reverseGeocoding), now));
        Household next = new Household(slots, settings(c, mockModes), s, now, scheduler, geo::enrich,
                this::persist);
        Map<String, DepartureSchedule> departures = new LinkedHashMap<>();
        included.forEach((id, setup) -> departures.put(id, setup.departure()));
        next.configurePlanning(c.planSettings(now.getZone()), prices(c, now), departures, this::persistDeparture);
        next.addListener(simulation::followPriority);
        next.addListener(snapshot -> publish(next, snapshot));
        Household old;
        synchronized (this) {
            if (config != c) {
                next.close();
                return;
            }
            old = household;
            household = next;
            builtFrom.clear();
            builtFrom.putAll(included);
            lastPublished = 0;
            if (old != null) {
                registry.unregister(old);
            }
            next.start();
            registry.register(next, webSecurity(c));
        }
        if (old != null) {
            old.close();
        }
        logger.debug("Household {} started with {}", getThing().getUID(), mockModes);
        updateStatus(ThingStatus.ONLINE);
    }

    /** The API token and allowed origins for the web layer (validated in initialize, so this cannot fail). */
    private static WebSecurity webSecurity(HouseholdConfiguration c) {
        try {
            return new WebSecurity(c.apiToken, c.origins());
        } catch (InvalidConfigurationException | IllegalArgumentException e) {
            // Not reachable after validation; refuse every token rather than serve the API open.
            return new WebSecurity(java.util.UUID.randomUUID().toString(), List.of());
        }
    }

    /** The configured settings; on a rebuild, those of the running household (they may have changed since). */
    private HouseholdSettings settings(HouseholdConfiguration c, Map<String, Boolean> mockModes) {
        Household running = current();
        if (running == null) {
            return c.settings(mockModes);
        }
        HouseholdSettings r = running.settings();
        return new HouseholdSettings(r.chargeThreshold(), r.updateIntervalMinutes(), r.minimumChargePercent(),
                r.minimumRangeKm(), r.hysteresisPoints(), r.retentionDays(), mockModes);
    }

    /** Caller holds the lock. True when the running household already has exactly these cars, set up alike. */
    private boolean servesAll(List<Car> wanted) {
        if (wanted.size() != builtFrom.size()) {
            return false;
        }
        for (Car car : wanted) {
            VehicleSetup built = builtFrom.get(car.setup().vehicleId());
            if (built == null || !built.sameAs(car.setup())) {
                return false;
            }
        }
        return true;
    }

    /** The price provider of these settings; the same one (with its cached days) while they are unchanged. */
    private synchronized PlanPrices.Provider prices(HouseholdConfiguration c, Clock now) {
        String key = c.pricesKey();
        PlanPrices.Provider p = prices;
        if (p == null || !key.equals(pricesFor)) {
            p = c.prices(now);
            prices = p;
            pricesFor = key;
        }
        return p;
    }

    private @Nullable HistoryStore openStore(HouseholdConfiguration c) {
        synchronized (this) {
            HistoryStore open = store;
            if (open != null) {
                return open;
            }
        }
        HistoryStore opened;
        try {
            opened = new HistoryStore(c.historyPath(OpenHAB.getUserDataFolder()));
        } catch (StoreException e) {
            logger.debug("History database not opened: {}", e.getMessage());
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    new InvalidConfigurationException("offline.history-unavailable", e.getMessage())
                            .statusDescription());
            return null;
        }
        synchronized (this) {
            if (config == c) {
                store = opened;
                return opened;
            }
        }
        opened.close();
        return null;
    }

    private @Nullable VehicleService openRealSource(Car car, String name) {
        try {
            VehicleService service = car.setup().realSource()
                    .apply(new VehicleServiceFactory.Car(getThing().getUID().getId(), car.setup().vehicleId(), name));
            if (service == null) {
                car.handler().unusable("@text/offline.conf-error-no-real-source");
            }
            return service;
        } catch (AccountMismatchException e) {
            car.handler().unusable(new InvalidConfigurationException("offline.conf-error-tesla-account",
                    e.region().name()).statusDescription());
            return null;
        } catch (IllegalArgumentException e) {
            car.handler().unusable(new InvalidConfigurationException("offline.conf-error-real-source",
                    String.valueOf(e.getMessage())).statusDescription());
            return null;
        }
    }

    private void publish(Household source, HouseholdSnapshot snapshot) {
        List<VehicleHandler> handlers = new ArrayList<>();
        synchronized (this) {
            if (source != household || snapshot.sequence() <= lastPublished) {
                return;
            }
            lastPublished = snapshot.sequence();
            cars.values().forEach(car -> handlers.add(car.handler()));
        }
        ReasonLanguage language = language();
        HouseholdChannels.states(snapshot, language).forEach(this::updateState);
        PlanChannels.household(snapshot, language).forEach(this::updateState);
        PlanView view = snapshot.plan();
        NightPlan plan = view != null && view.active() ? view.plan() : null;
        if (plan != null && plan != lastSeries) { // a new plan, not the kept one shown again
            lastSeries = plan;
            TimeSeries series = PlanChannels.schedule(snapshot);
            if (series != null) {
                sendTimeSeries(CHANNEL_PLAN_SCHEDULE, series);
            }
        }
        for (VehicleHandler handler : handlers) {
            handler.onSnapshot(snapshot, language);
        }
    }

    /** Persists a car's departures changed at run time (REST API, dashboard) into its Thing configuration. */
    private void persistDeparture(String vehicleId, DepartureSchedule departure) {
        Car car;
        synchronized (this) {
            car = cars.get(vehicleId);
        }
        if (car != null) {
            car.handler().persistDeparture(departure);
            VehicleSetup updated = car.handler().setup();
            if (updated != null) {
                synchronized (this) {
                    cars.put(vehicleId, new Car(car.handler(), updated));
                }
            }
        }
    }

    /** Persists settings changed at run time (channel or REST API) into the Thing configurations. */
    private void persist(HouseholdSettings settings) {
        Configuration edited = editConfiguration();
        HouseholdConfiguration.store(settings, edited);
        if (!edited.equals(getConfig())) {
            SettingsOverrides changes;
            synchronized (this) {
                changes = overrides;
            }
            if (changes != null) {
                changes.record(getConfig(), edited);
            }
            updateConfiguration(edited);
        }
        List<Car> changed = new ArrayList<>();
        synchronized (this) {
            for (Car car : cars.values()) {
                String id = car.setup().vehicleId();
                if (settings.mockModes().containsKey(id) && settings.mockMode(id) != car.setup().mockMode()) {
                    changed.add(car);
                }
            }
        }
        for (Car car : changed) {
            VehicleSetup updated = car.handler().persistMockMode(settings.mockMode(car.setup().vehicleId()));
            if (updated != null) {
                synchronized (this) {
                    cars.put(updated.vehicleId(), new Car(car.handler(), updated));
                    builtFrom.put(updated.vehicleId(), updated);
                }
            }
        }
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        String channel = channelUID.getId();
        if (command instanceof RefreshType) {
            refresh(channel);
        } else if (CHANNEL_THRESHOLD.equals(channel)) {
            setThreshold(command);
        } else if (CHANNEL_UPDATE.equals(channel) && command == OnOffType.ON) {
            update();
        }
    }

    /** Answers from the last snapshot: a refresh never reads the cars. */
    private void refresh(String channel) {
        if (CHANNEL_UPDATE.equals(channel)) {
            updateState(CHANNEL_UPDATE, OnOffType.OFF);
            return;
        }
        HouseholdSnapshot snapshot = snapshot();
        if (snapshot != null) {
            State state = HouseholdChannels.states(snapshot, language()).get(channel);
            if (state != null) {
                updateState(channel, state);
            }
        }
    }

    private void setThreshold(Command command) {
        Household h = current();
        BigDecimal percent = null;
        if (command instanceof QuantityType<?> quantity) {
            QuantityType<?> inPercent = quantity.toUnit(Units.PERCENT);
            percent = inPercent != null ? inPercent.toBigDecimal() : null;
        } else if (command instanceof DecimalType decimal) {
            percent = decimal.toBigDecimal();
        }
        if (h == null) {
            logger.debug("Charge threshold {} ignored: the household is not running", command);
        } else if (percent == null || percent.stripTrailingZeros().scale() > 0) {
            logger.warn("Charge threshold {} rejected: it must be a whole percentage from 50 to 100", command);
        } else {
            try {
                int value = percent.intValueExact();
                h.updateSettings(s -> s.withChargeThreshold(value));
            } catch (InvalidSettingException | ArithmeticException e) {
                logger.warn("Charge threshold {} rejected: it must be a whole percentage from 50 to 100", command);
            }
        }
        // Also after a rejected value, so the item shows the threshold in force again.
        refresh(CHANNEL_THRESHOLD);
    }

    /**
     * A car Thing was given new values: decide again. A running update may have read the car before the values
     * came, so a new one follows it (values given meanwhile share that one).
     */
    void valuesGiven() {
        Household h = current();
        if (h != null) {
            h.requestFreshUpdate();
        }
    }

    private void update() {
        Household h = current();
        if (h == null) {
            updateState(CHANNEL_UPDATE, OnOffType.OFF);
            return;
        }
        h.requestUpdate().whenComplete((snapshot, error) -> {
            if (error != null) {
                logger.debug("Update failed: {}", error.getMessage());
            }
            if (current() == h) {
                updateState(CHANNEL_UPDATE, OnOffType.OFF);
            }
        });
    }

    @Override
    public void childHandlerInitialized(ThingHandler childHandler, Thing childThing) {
        if (!(childHandler instanceof VehicleHandler vehicle)) {
            return;
        }
        VehicleSetup setup = vehicle.setup();
        if (setup == null) {
            return; // its configuration is wrong, and its status says so
        }
        boolean duplicate;
        synchronized (this) {
            Car present = cars.get(setup.vehicleId());
            duplicate = present != null && present.handler() != vehicle;
            if (!duplicate) {
                cars.put(setup.vehicleId(), new Car(vehicle, setup));
            }
        }
        if (duplicate) {
            vehicle.unusable(new InvalidConfigurationException("offline.conf-error-duplicate", setup.vehicleId())
                    .statusDescription());
            return;
        }
        scheduleBuild();
        Household running = current();
        if (running != null && running.slot(setup.vehicleId()) != null
                && !running.departure(setup.vehicleId()).equals(setup.departure())) {
            running.setDeparture(setup.vehicleId(), setup.departure()); // edited departures: re-planned, no rebuild
        }
        HouseholdSnapshot snapshot = snapshot();
        if (snapshot != null) {
            vehicle.onSnapshot(snapshot, language());
        }
    }

    @Override
    public void childHandlerDisposed(ThingHandler childHandler, Thing childThing) {
        boolean removed;
        synchronized (this) {
            removed = cars.values().removeIf(car -> car.handler() == childHandler);
        }
        if (removed) {
            scheduleBuild();
        }
    }

    @Override
    public void dispose() {
        ScheduledFuture<?> location;
        synchronized (this) {
            config = null;
            location = locationJob;
            locationJob = null;
        }
        if (location != null) {
            location.cancel(false);
        }
        stopHousehold();
        HistoryStore s;
        synchronized (this) {
            s = store;
            store = null;
        }
        if (s != null) {
            s.close();
        }
    }

    /** Stops the running household (if any) and a pending build; the history database stays open. */
    private void stopHousehold() {
        ScheduledFuture<?> job;
        Household h;
        synchronized (this) {
            home = null;
            job = buildJob;
            buildJob = null;
            h = household;
            household = null;
            builtFrom.clear();
            if (h != null) {
                registry.unregister(h);
            }
        }
        if (job != null) {
            job.cancel(false);
        }
        if (h != null) {
            h.close();
        }
    }

    /** The last snapshot of the running household, or null while none runs. */
    @Nullable
    HouseholdSnapshot snapshot() {
        Household h = current();
        return h != null ? h.snapshot() : null;
    }

    ReasonLanguage language() {
        return ReasonLanguage.of(localeProvider.getLocale());
    }

    synchronized @Nullable Household current() {
        return household;
    }
}
