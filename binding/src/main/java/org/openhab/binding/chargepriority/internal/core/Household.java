package org.openhab.binding.chargepriority.internal.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.HouseholdPlanner;
import org.openhab.binding.chargepriority.internal.core.plan.NightPlan;
import org.openhab.binding.chargepriority.internal.core.plan.PlanFollower;
import org.openhab.binding.chargepriority.internal.core.plan.PlanInput;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanSettings;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.openhab.binding.chargepriority.internal.core.plan.PlannedSlot;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Priority;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.store.Reading;
import org.openhab.binding.chargepriority.internal.store.StoreException;
import org.openhab.binding.chargepriority.internal.store.StoredError;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: poll each car → decide → store → tell listeners. One update at a time; a trigger during a running
 * update joins it. Scheduling runs on the injected executor (the openHAB handler's scheduler, or the standalone
 * runtime's own), time comes from the injected clock.
 */
@NonNullByDefault
public class Household implements AutoCloseable {

    /** A real car's API is asked at most this often, however often users ask for an update. */
    public static final Duration MIN_REAL_FETCH_INTERVAL = Duration.ofMinutes(1);
    /**
     * A scheduler's own time and the wall clock the guard reads drift apart by milliseconds: a read due at the
     * minute can land a moment early, and is still a read that is due.
     */
    static final Duration SCHEDULER_JITTER = Duration.ofSeconds(2);
    private static final int RECENT_ERRORS = 100;
    private static final Duration CLEANUP_INTERVAL = Duration.ofDays(1);
    private static final Duration FIRST_CLEANUP_DELAY = Duration.ofMinutes(5);

    /** Persists changed settings so they survive a restart (ConfigAdmin or the Thing configuration). */
    @FunctionalInterface
    public interface SettingsPersister {
        SettingsPersister NONE = settings -> {
        };

        void persist(HouseholdSettings settings);
    }

    private final Logger logger = LoggerFactory.getLogger(Household.class);
    /** Replaced as a whole when a car's real source is re-created ({@link #replaceReal}). */
    private volatile List<VehicleSlot> slots;
    private final @Nullable HistoryStore store;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile StatusEnricher enricher;
    private final SettingsPersister persister;
    private final DecisionEngine engine = new DecisionEngine();
    /** Keeps to the plan made until something it was made from changes (no flapping between cars). */
    private final PlanFollower follower = new PlanFollower(new HouseholdPlanner());
    /** Re-plans at every quarter-hour while a plan decides: the car and the charger switch at slot boundaries. */
    static final Duration PLAN_TICK = Duration.ofMinutes(15);

    /** Persists a car's departures changed at run time (REST, dashboard) so they survive a restart. */
    @FunctionalInterface
    public interface DeparturePersister {
        DeparturePersister NONE = (id, schedule) -> {
        };

        void persist(String vehicleId, DepartureSchedule schedule);
    }
    private final List<HouseholdListener> listeners = new CopyOnWriteArrayList<>();

    // Guarded by "this".
    private HouseholdSettings settings;
    private final Map<String, VehicleStatus> lastStatus = new HashMap<>();
    private final Map<String, String> lastError = new HashMap<>();
    private final Map<String, String> lastErrorKind = new HashMap<>();
    private final Map<String, Instant> lastRealFetch = new HashMap<>();
    private final Deque<StoredError> recentErrors = new ArrayDeque<>();
    private final Deque<StoredError> unsavedErrors = new ArrayDeque<>();
    private @Nullable String priorityId;
    private @Nullable Instant lastUpdated;
    private @Nullable Instant nextUpdate;
    private @Nullable Instant nextCleanup;
    private @Nullable CompletableFuture<HouseholdSnapshot> running;
    private @Nullable ScheduledFuture<?> updateJob;
    private @Nullable ScheduledFuture<?> cleanupJob;
    private boolean started;
    private boolean closed;
    private long sequence;
    private long errorIds;

    private volatile HouseholdSnapshot snapshot;

    // Planning; guarded by "this".
    private PlanSettings planSettings;
    private PlanPrices.Provider priceProvider = PlanPrices.Provider.NONE;
    private PlanPrices lastPrices = PlanPrices.NONE;
    private final Map<String, DepartureSchedule> departures = new HashMap<>();
    /** Each car's charging power when last seen charging, kW. */
    private final Map<String, Double> observedRateKw = new HashMap<>();
    private DeparturePersister departurePersister = DeparturePersister.NONE;
    private @Nullable PlanView planView;
    /** The decision made last (with the plan in {@link #planView}): what every snapshot shows. */
    private @Nullable Decision latestDecision;
    /** True while an urgent car has the charger although a plan is active. */
    private boolean urgentOverride;
    private @Nullable ScheduledFuture<?> planJob;

    public Household(List<VehicleSlot> slots, HouseholdSettings settings, @Nullable HistoryStore store, Clock clock,
            ScheduledExecutorService executor, StatusEnricher enricher, SettingsPersister persister) {
        this.slots = List.copyOf(slots);
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.executor = executor;
        this.enricher = enricher;
        this.persister = persister;
        this.planSettings = PlanSettings.defaults(clock.getZone());
        resumeRealCars();
        this.snapshot = buildSnapshot(Map.of(), Priority.none("No update yet", "Ingen oppdatering ennå"));
    }

    /**
     * A real car that sleeps after a restart answers nothing for hours: until it does, it is shown with its last
     * stored reading, marked stale, at its real time (simulated cars resume from the history on their own).
     */
    private void resumeRealCars() {
        HistoryStore s = store;
        if (s == null) {
            return;
        }
        for (VehicleSlot slot : slots) {
            VehicleService real = slot.real();
            if (real == null || settings.mockMode(slot.id()) && slot.simulated()) {
                continue;
            }
            try {
                Reading last = s.lastReading(real.name());
                DataSource source = last != null ? DataSource.fromJson(last.source()) : null;
                if (last == null || last.mock() || source == null || source == DataSource.SIMULATION) {
                    continue;
                }
                String location = last.location();
                lastStatus.put(slot.id(), new VehicleStatus(real.name(), last.batteryPercent(), last.rangeKm(),
                        last.charging(), null, location != null ? Location.fromJson(location) : Location.UNKNOWN,
                        last.timestamp(), false, last.chargingRateKw(), last.latitude(), last.longitude(),
                        last.address(), source, true, null, false));
            } catch (StoreException | IllegalArgumentException e) {
                logger.debug("No stored reading of {} to resume from: {}", slot.id(), e.getMessage());
            }
        }
    }

    /**
     * Sets how the household plans: its settings, where prices come from, each car's departures and where changed
     * departures are kept. Called before {@link #start()}; later calls fetch prices and re-plan at once.
     */
    public synchronized void configurePlanning(PlanSettings settings, PlanPrices.Provider prices,
            Map<String, DepartureSchedule> schedules, DeparturePersister persister) {
        planSettings = settings;
        if (!settings.enabled() || !settings.byPrice()) {
            lastPrices = PlanPrices.NONE;
        } else if (prices != priceProvider || lastPrices == PlanPrices.NONE) {
            lastPrices = prices.lastKnown(); // until the first answer the plan names the source it waits for
        }
        priceProvider = prices;
        departures.clear();
        departures.putAll(schedules);
        departurePersister = persister;
        if (started && !closed) { // new settings or a new price source: fetch and re-plan now, not at the quarter-hour
            ScheduledFuture<?> pending = planJob;
            if (pending != null) {
                pending.cancel(false);
            }
            planJob = executor.schedule(this::planTick, 0, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized PlanSettings planSettings() {
        return planSettings;
    }

    public synchronized DepartureSchedule departure(String vehicleId) {
        return departures.getOrDefault(vehicleId, DepartureSchedule.NONE);
    }

    /** Starts the schedule: an update at once, then every interval; the history cleanup daily. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scheduleUpdate(Duration.ZERO);
        scheduleCleanup(FIRST_CLEANUP_DELAY);
        planJob = executor.schedule(this::planTick, 0, TimeUnit.MILLISECONDS); // prices at once, then every tick
    }

    /**
     * Changes a car's departures, target and capacity: persisted, the night re-planned on the last known data and
     * published.
     *
     * @throws IllegalArgumentException for an unknown vehicle id
     */
    public HouseholdSnapshot setDeparture(String vehicleId, DepartureSchedule schedule) {
        if (slot(vehicleId) == null) {
            throw new IllegalArgumentException("Unknown vehicle '" + vehicleId + "'");
        }
        DeparturePersister p;
        synchronized (this) {
            departures.put(vehicleId, schedule);
            p = departurePersister;
        }
        try {
            p.persist(vehicleId, schedule);
        } catch (RuntimeException e) {
            logger.warn("Departures of {} could not be saved and will be lost at restart: {}", vehicleId,
                    e.getMessage());
            recordError("settings", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        Decision decision;
        synchronized (this) {
            decision = decide(clock.instant());
        }
        return publish(decision);
    }

    /**
     * Caller holds the lock. Re-plans just after the next quarter-hour of the clock: the slots' boundaries, where the
     * car on the charger may change, and the price cache's own pace (it asks a source only when a day is due).
     */
    private void schedulePlanTick() {
        Instant now = clock.instant();
        long tick = PLAN_TICK.toMillis();
        long delay = tick - Math.floorMod(now.toEpochMilli(), tick) + 1000; // just after the boundary
        // Sooner when the plan switches the charger off or moves the cable before that: never past a target.
        PlanView v = planView;
        NightPlan p = v != null && v.active() ? v.plan() : null;
        if (p != null) {
            for (PlannedSlot slot : p.slots()) {
                for (Instant event : List.of(slot.start(), slot.chargeUntil())) {
                    long until = event.toEpochMilli() - now.toEpochMilli();
                    if (until > 0 && until < delay) {
                        delay = until;
                    }
                }
            }
        }
        planJob = executor.schedule(this::planTick, delay, TimeUnit.MILLISECONDS);
    }

    private void planTick() {
        try {
            boolean wasActive;
            synchronized (this) {
                if (closed) {
                    return;
                }
                PlanView v = planView;
                wasActive = v != null && v.active();
            }
            PlanPrices prices = fetchPrices();
            Decision decision;
            boolean active;
            boolean newPrices;
            synchronized (this) {
                newPrices = !prices.known().equals(lastPrices.known());
                lastPrices = prices;
                if (lastUpdated == null && !newPrices) {
                    return; // nothing read yet: the first update plans
                }
                decision = decide(clock.instant());
                PlanView v = planView;
                active = v != null && v.active();
            }
            if (active || wasActive || newPrices) {
                publish(decision);
            }
        } catch (RuntimeException e) {
            logger.warn("Re-planning failed: {}", e.getMessage(), e);
        } finally {
            synchronized (this) {
                if (!closed) {
                    schedulePlanTick();
                }
            }
        }
    }

    /** Asks the price provider (may use the network, bounded by its timeouts); never under the lock. */
    private PlanPrices fetchPrices() {
        PlanPrices.Provider provider;
        synchronized (this) {
            provider = priceProvider;
            if (!planSettings.enabled() || !planSettings.byPrice()) {
                return PlanPrices.NONE;
            }
        }
        try {
            return provider.prices();
        } catch (RuntimeException e) {
            logger.debug("No prices: {}", e.getMessage());
            return new PlanPrices(List.of(), "", "", "unknown", String.valueOf(e.getMessage()));
        }
    }

    public List<VehicleSlot> slots() {
        return slots;
    }

    public @Nullable VehicleSlot slot(String vehicleId) {
        for (VehicleSlot s : slots) {
            if (s.id().equals(vehicleId)) {
                return s;
            }
        }
        return null;
    }

    public @Nullable HistoryStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public HouseholdSnapshot snapshot() {
        return snapshot;
    }

    public synchronized HouseholdSettings settings() {
        return settings;
    }

    public void addListener(HouseholdListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HouseholdListener listener) {
        listeners.remove(listener);
    }

    /**
     * Asks for an update now. Returns at once; the future completes with the snapshot after the update. A request
     * while an update runs joins it.
     */
    public synchronized CompletableFuture<HouseholdSnapshot> requestUpdate() {
        CompletableFuture<HouseholdSnapshot> current = running;
        if (current != null) {
            return current;
        }
        CompletableFuture<HouseholdSnapshot> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IllegalStateException("The household is closed"));
            return future;
        }
        running = future;
        executor.execute(() -> runUpdate(future));
        return future;
    }

    /**
     * Asks for an update that reads the cars after this call, for callers that just changed something (a simulated
     * car's state) and need the next snapshot to show it: a running update, which may have read the cars before the
     * change, is waited for and then a new one is run. Returns at once.
     */
    public synchronized CompletableFuture<HouseholdSnapshot> requestFreshUpdate() {
        CompletableFuture<HouseholdSnapshot> current = running;
        if (current == null) {
            return requestUpdate();
        }
        return current.handle((snapshot, error) -> null).thenCompose(ignored -> requestUpdate());
    }

    private void runUpdate(CompletableFuture<HouseholdSnapshot> future) {
        HouseholdSnapshot result;
        try {
            result = update();
        } catch (RuntimeException e) {
            logger.warn("Update failed: {}", e.getMessage(), e);
            finishUpdate();
            future.completeExceptionally(e);
            return;
        } catch (Error e) {
            finishUpdate();
            future.completeExceptionally(e);
            throw e;
        }
        finishUpdate();
        future.complete(result);
    }

    /** Cleared before the future completes, so that whoever reacts to the completion by asking again gets a new update. */
    private synchronized void finishUpdate() {
        running = null;
    }

    private HouseholdSnapshot update() {
        Instant now = clock.instant();
        HouseholdSettings current = settings();
        Map<String, VehicleStatus> fresh = new LinkedHashMap<>();
        for (VehicleSlot slot : slots) {
            VehicleStatus status = fetch(slot, current, now);
            if (status != null) {
                fresh.put(slot.id(), status);
            }
        }
        Decision decision;
        synchronized (this) {
            lastStatus.putAll(fresh);
            decision = decide(now); // with the prices the plan tick fetched: a price source never delays a reading
            lastUpdated = now;
        }
        save(now, decision);
        return publish(decision);
    }

    private @Nullable VehicleStatus fetch(VehicleSlot slot, HouseholdSettings current, Instant now) {
        String id = slot.id();
        boolean mock = current.mockMode(id);
        VehicleService service = slot.active(mock);
        boolean simulated = service.source() == DataSource.SIMULATION;
        boolean metered = service.source().metered();
        synchronized (this) {
            Instant last = lastRealFetch.get(id);
            VehicleStatus previous = lastStatus.get(id);
            if (metered && last != null && previous != null
                    && Duration.between(last, now).compareTo(MIN_REAL_FETCH_INTERVAL.minus(SCHEDULER_JITTER)) < 0) {
                logger.debug("Not asking {} again within {}: using the status from {}", id, MIN_REAL_FETCH_INTERVAL,
                        last);
                return previous;
            }
            if (metered) {
                lastRealFetch.put(id, now);
            }
        }
        try {
            VehicleStatus status = service.fetch();
            if (!simulated) {
                status = enricher.enrich(id, status);
            }
            // Old values shown because the car could not be read: the error behind them is shown too, in the car's
            // error and in the error log, once per distinct error rather than once per poll.
            String problem = service.problem();
            boolean newProblem;
            synchronized (this) {
                newProblem = problem != null && !problem.equals(lastError.get(id));
                if (problem == null) {
                    lastError.remove(id);
                    lastErrorKind.remove(id);
                } else {
                    lastError.put(id, problem);
                    lastErrorKind.put(id, VehicleException.Kind.COMMUNICATION.name());
                }
            }
            if (newProblem) {
                recordError(id + "_service", VehicleException.Kind.COMMUNICATION.name(), problem);
            }
            return status;
        } catch (VehicleException e) {
            logger.debug("Reading {} failed: {}", id, e.getMessage());
            return fallback(id, e.kind().name(), e.getMessage());
        } catch (RuntimeException e) {
            logger.warn("Reading {} failed unexpectedly: {}", id, e.toString());
            return fallback(id, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private @Nullable VehicleStatus fallback(String id, String kind, @Nullable String message) {
        String text = message != null ? message : kind;
        synchronized (this) {
            VehicleStatus known = lastStatus.get(id);
            if (VehicleException.Kind.ASLEEP.name().equals(kind) && known != null) {
                // A sleeping car whose last state is known (from before a restart): not an error, just old values.
                lastError.remove(id);
                lastErrorKind.remove(id);
                return known.withStale(true);
            }
        }
        boolean repeated;
        synchronized (this) {
            repeated = text.equals(lastError.get(id));
        }
        if (!repeated) { // once per distinct error, not once per poll
            recordError(id + "_service", kind, text);
        }
        synchronized (this) {
            lastError.put(id, text);
            lastErrorKind.put(id, kind);
            VehicleStatus previous = lastStatus.get(id);
            return previous != null ? previous.withStale(true) : null;
        }
    }

    /** Decides on the last known statuses. Caller holds the lock. */
    private Decision decide(Instant now) {
        List<DecisionEngine.Input> inputs = new ArrayList<>();
        for (VehicleSlot slot : slots) {
            VehicleStatus s = lastStatus.get(slot.id());
            if (s != null) {
                inputs.add(new DecisionEngine.Input(slot.id(), s));
            }
        }
        Decision decision = engine.decide(inputs, settings, priorityId, now);
        priorityId = decision.priority().vehicleId();
        PlanView plan = plan(now);
        planView = plan;
        String ruleCar = decision.priority().vehicleId();
        // A car below its minimum charge or range gets the charger at once, as the rule says, whatever the plan:
        // urgency decides who gets the energy first; the plan takes over once it is above.
        urgentOverride = plan.active() && ruleCar != null && urgentAtHome(ruleCar, now);
        if (plan.active() && !urgentOverride) {
            decision = new Decision(decision.recommendations(), plannedPriority(plan, now));
        }
        latestDecision = decision;
        return decision;
    }

    /** Caller holds the lock. True when the car is at home, read recently, and below a minimum. */
    private boolean urgentAtHome(String id, Instant now) {
        VehicleStatus s = lastStatus.get(id);
        if (s == null || s.location() != Location.HOME
                || DecisionEngine.isStale(s, Duration.ofMinutes(2L * settings.updateIntervalMinutes()), now)) {
            return false;
        }
        return s.batteryPercent() < settings.minimumChargePercent() || s.rangeKm() < settings.minimumRangeKm();
    }

    /** Plans the night on the last known statuses. Caller holds the lock. */
    private PlanView plan(Instant now) {
        List<PlanInput> inputs = new ArrayList<>();
        Map<String, Instant> readAt = new HashMap<>();
        for (VehicleSlot slot : slots) {
            VehicleService service = slot.active(settings.mockMode(slot.id()));
            VehicleStatus s = lastStatus.get(slot.id());
            if (s != null) {
                readAt.put(slot.id(), s.lastUpdated());
            }
            Double rateNow = s != null && s.charging() ? s.chargingPowerKw() : null;
            if (rateNow != null && rateNow > 0.5) {
                observedRateKw.put(slot.id(), rateNow);
            }
            // The car's own rate, as seen the last time it charged: a car whose on-board charger takes less than the
            // charger gives (an Ioniq 5 on 7.4 kW) would otherwise be planned too fast and leave short.
            Double rate = observedRateKw.get(slot.id());
            DepartureSchedule schedule = departures.getOrDefault(slot.id(), DepartureSchedule.NONE);
            inputs.add(new PlanInput(slot.id(), s != null ? s.vehicleName() : service.name(),
                    s != null ? s.batteryPercent() : null, s != null ? s.rangeKm() : 0,
                    s != null && s.location() == Location.HOME, rate, capacity(slot, service, schedule).kwh(), schedule));
        }
        try {
            return follower.follow(inputs, readAt, planSettings, lastPrices, settings.chargeThreshold(),
                    settings.minimumChargePercent(), settings.minimumRangeKm(), now);
        } catch (RuntimeException e) {
            logger.warn("Planning failed, the snapshot rule decides: {}", e.getMessage(), e);
            return new PlanView(false, null, now, "Planning failed: " + e.getMessage(),
                    "Planleggingen feilet: " + e.getMessage(), lastPrices, planSettings);
        }
    }

    /** The battery the plan uses for this car, and where that figure comes from. */
    public record Capacity(double kwh, String source) {
        /** Shown by the car's own data (a Tesla's last charge). */
        public static final String CAR = "car";
        /** Set on the car (Thing, cfg file or REST). */
        public static final String SET = "set";
        /** The known value of the car's kind (Ioniq 5 74 kWh, Model Y 75 kWh, another car 60 kWh). */
        public static final String DEFAULT = "default";
    }

    /** The battery the plan uses for this car: what its own data shows, else what is set, else its kind's. */
    public Capacity effectiveCapacity(String vehicleId) {
        VehicleSlot slot = slot(vehicleId);
        if (slot == null) {
            return new Capacity(0, Capacity.DEFAULT);
        }
        return capacity(slot, slot.active(settings().mockMode(vehicleId)), departure(vehicleId));
    }

    private static Capacity capacity(VehicleSlot slot, VehicleService service, DepartureSchedule schedule) {
        Double reported = service.reportedCapacityKwh();
        if (reported != null) {
            return new Capacity(reported, Capacity.CAR);
        }
        Double scheduled = schedule.capacityKwh();
        if (scheduled != null) {
            return new Capacity(scheduled, Capacity.SET);
        }
        Double own = service.capacityKwh();
        if (own != null) { // a simulated car's is its profile's
            return new Capacity(own, service == slot.simulation() ? Capacity.DEFAULT : Capacity.SET);
        }
        if (slot.simulation() != null) {
            return new Capacity(java.util.Objects.requireNonNull(slot.simulation()).profile().capacityKwh(),
                    Capacity.DEFAULT);
        }
        return new Capacity(slot.kind() == VehicleKind.IONIQ ? 74 : slot.kind() == VehicleKind.TESLA ? 75 : 60,
                Capacity.DEFAULT);
    }

    /** The car the plan puts on the charger now, with the plan's sentence as the reason. */
    private Priority plannedPriority(PlanView plan, Instant now) {
        String id = plan.chargeNow(now) ? plan.carAt(now) : null;
        if (id == null) {
            return Priority.none(plan.message(), plan.messageNb());
        }
        VehicleStatus s = lastStatus.get(id);
        VehicleSlot slot = slot(id);
        String name = s != null ? s.vehicleName() : slot != null ? slot.name() : id;
        return new Priority(id, name, plan.message(), plan.messageNb());
    }

    private void save(Instant now, Decision decision) {
        HistoryStore s = store;
        if (s == null) {
            return;
        }
        List<VehicleStatus> statuses = new ArrayList<>();
        Map<String, Recommendation> byName = new LinkedHashMap<>();
        synchronized (this) {
            Duration staleAfter = Duration.ofMinutes(2L * settings.updateIntervalMinutes());
            for (VehicleSlot slot : slots) {
                VehicleStatus status = lastStatus.get(slot.id());
                Recommendation rec = decision.recommendations().get(slot.id());
                if (status != null) {
                    // The history says what /api/status says: the same stale verdict (stored at the car's own time).
                    statuses.add(DecisionEngine.isStale(status, staleAfter, now) ? status.withStale(true) : status);
                }
                if (status != null && rec != null) {
                    byName.put(status.vehicleName(), rec);
                }
            }
        }
        try {
            s.saveUpdate(now, statuses, byName);
        } catch (StoreException e) {
            logger.warn("History not saved: {}", e.getMessage());
            recordError("history_store", "StoreException", e.getMessage());
        }
    }

    private HouseholdSnapshot publish(Decision decision) {
        HouseholdSnapshot result;
        synchronized (this) {
            // Always the newest decision: an update that decided before a departure or setting changed, and
            // publishes after it, must not put its older answer on show.
            Decision newest = latestDecision;
            Decision shown = newest != null ? newest : decision;
            result = buildSnapshot(shown.recommendations(), shown.priority());
            snapshot = result;
        }
        for (HouseholdListener l : listeners) {
            try {
                l.onSnapshot(result);
            } catch (RuntimeException e) {
                logger.warn("A listener failed: {}", e.getMessage(), e);
            }
        }
        return result;
    }

    /** Caller holds the lock (or is the constructor). */
    private HouseholdSnapshot buildSnapshot(Map<String, Recommendation> recommendations, Priority priority) {
        Instant now = clock.instant();
        Duration staleAfter = Duration.ofMinutes(2L * settings.updateIntervalMinutes());
        List<VehicleView> views = new ArrayList<>();
        for (VehicleSlot slot : slots) {
            boolean mock = settings.mockMode(slot.id());
            VehicleStatus s = lastStatus.get(slot.id());
            if (s != null && !s.stale() && DecisionEngine.isStale(s, staleAfter, now)) {
                s = s.withStale(true);
            }
            Map<String, Object> diagnostics;
            try {
                diagnostics = slot.active(mock).diagnostics();
            } catch (RuntimeException e) {
                diagnostics = Map.of();
            }
            views.add(new VehicleView(slot.id(), slot.kind(), slot.active(mock).name(), mock, s,
                    recommendations.get(slot.id()), lastError.get(slot.id()), lastErrorKind.get(slot.id()),
                    diagnostics));
        }
        PlanView plan = planView;
        boolean chargeNow = plan != null && plan.active() && !urgentOverride ? plan.chargeNow(now)
                : !priority.isNone();
        return new HouseholdSnapshot(++sequence, views, priority, settings, lastUpdated, nextUpdate, plan, chargeNow);
    }

    /**
     * Changes the settings: validated as a whole (an invalid value changes nothing), persisted, the decisions
     * recomputed on the last known data (no new fetch), stored and published.
     *
     * @throws InvalidSettingException when the new settings are not valid
     */
    public HouseholdSnapshot updateSettings(UnaryOperator<HouseholdSettings> change) {
        HouseholdSettings changed;
        Decision decision;
        Instant now = clock.instant();
        boolean intervalChanged;
        synchronized (this) {
            changed = change.apply(settings);
            if (changed.equals(settings)) {
                return snapshot;
            }
            intervalChanged = changed.updateIntervalMinutes() != settings.updateIntervalMinutes();
            Map<String, Boolean> oldModes = settings.mockModes();
            settings = changed;
            for (VehicleSlot slot : slots) {
                if (oldModes.getOrDefault(slot.id(), true) != changed.mockMode(slot.id())) {
                    // Another source now: its old values say nothing about the new one.
                    lastStatus.remove(slot.id());
                    lastError.remove(slot.id());
                    lastErrorKind.remove(slot.id());
                    lastRealFetch.remove(slot.id());
                }
            }
            if (intervalChanged && started && !closed) {
                Instant base = lastUpdated != null ? lastUpdated : now;
                Instant next = base.plus(Duration.ofMinutes(changed.updateIntervalMinutes()));
                scheduleUpdate(next.isBefore(now) ? Duration.ZERO : Duration.between(now, next));
            }
            decision = decide(now);
        }
        try {
            persister.persist(changed);
        } catch (RuntimeException e) {
            logger.warn("Settings could not be saved and will be lost at restart: {}", e.getMessage());
            recordError("settings", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        save(now, decision);
        return publish(decision);
    }

    /**
     * Switches a car between its simulation and its real source, then reads it.
     *
     * @throws IllegalArgumentException for an unknown vehicle id
     * @throws IllegalStateException when switching to a real source that is not configured
     */
    public HouseholdSnapshot setMockMode(String vehicleId, boolean enabled) {
        VehicleSlot slot = slot(vehicleId);
        if (slot == null) {
            throw new IllegalArgumentException("Unknown vehicle '" + vehicleId + "'");
        }
        if (!enabled && slot.real() == null) {
            throw new IllegalStateException("The real " + slot.name()
                    + " is not configured: set its connection (Tesla client id and VIN, or the Ioniq's serial port) first");
        }
        HouseholdSnapshot result = updateSettings(s -> s.withMockMode(vehicleId, enabled));
        requestUpdate();
        return result;
    }

    /** Records an error: in the history (when it can be written) and in memory for {@link #recentErrors()}. */
    public void recordError(String service, @Nullable String type, String message) {
        Instant now = clock.instant();
        StoredError error;
        synchronized (this) {
            error = new StoredError(++errorIds, now, service, type, message);
            recentErrors.addFirst(error);
            while (recentErrors.size() > RECENT_ERRORS) {
                recentErrors.removeLast();
            }
        }
        HistoryStore s = store;
        boolean saved = false;
        if (s != null && !"history_store".equals(service)) {
            try {
                s.saveError(now, service, type, message);
                saved = true;
            } catch (StoreException e) {
                logger.debug("Error not saved to the history: {}", e.getMessage());
            }
        }
        if (!saved) {
            synchronized (this) {
                unsavedErrors.addFirst(error);
                while (unsavedErrors.size() > RECENT_ERRORS) {
                    unsavedErrors.removeLast();
                }
            }
        }
    }

    /**
     * The errors of this process that are not in the history (the history itself failing: a full disk, a read-only
     * file), newest first, so the API can show them beside the stored ones.
     */
    public synchronized List<StoredError> unsavedErrors() {
        return List.copyOf(unsavedErrors);
    }

    /** The errors since the start of this process, newest first (also when the database cannot be written). */
    public synchronized List<StoredError> recentErrors() {
        return List.copyOf(recentErrors);
    }

    public synchronized SchedulerStatus schedulerStatus() {
        Instant next = nextUpdate;
        return new SchedulerStatus(started && !closed, settings.updateIntervalMinutes(), next,
                List.of(new SchedulerStatus.Job("update_vehicles", "Update vehicle data", next),
                        new SchedulerStatus.Job("cleanup_old_data", "Delete history older than the retention",
                                nextCleanup)));
    }

    /** Deletes history older than the retention; runs daily on the schedule and can be called directly. */
    public long cleanup() {
        HistoryStore s = store;
        if (s == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(settings().retentionDays()));
        try {
            long deleted = s.deleteOlderThan(cutoff);
            logger.debug("Retention cleanup deleted {} rows older than {}", deleted, cutoff);
            return deleted;
        } catch (StoreException e) {
            recordError("history_store", "StoreException", e.getMessage());
            return 0;
        }
    }

    /** Caller holds the lock. */
    private void scheduleUpdate(Duration delay) {
        ScheduledFuture<?> old = updateJob;
        if (old != null) {
            old.cancel(false);
        }
        nextUpdate = clock.instant().plus(delay);
        updateJob = executor.schedule(this::scheduledUpdate, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledUpdate() {
        synchronized (this) {
            if (closed) {
                return;
            }
            scheduleUpdate(Duration.ofMinutes(settings.updateIntervalMinutes()));
        }
        requestUpdate();
    }

    private synchronized void scheduleCleanup(Duration delay) {
        nextCleanup = clock.instant().plus(delay);
        cleanupJob = executor.schedule(() -> {
            cleanup();
            synchronized (this) {
                if (!closed) {
                    scheduleCleanup(CLEANUP_INTERVAL);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels every scheduled job and closes the real vehicle sources. The store belongs to the caller. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ScheduledFuture<?> u = updateJob;
            if (u != null) {
                u.cancel(false);
            }
            ScheduledFuture<?> c = cleanupJob;
            if (c != null) {
                c.cancel(false);
            }
            ScheduledFuture<?> pj = planJob;
            if (pj != null) {
                pj.cancel(false);
            }
            planJob = null;
            updateJob = null;
            cleanupJob = null;
            nextUpdate = null;
            nextCleanup = null;
        }
        for (VehicleSlot slot : slots) {
            VehicleService real = slot.real();
            if (real != null) {
                real.close();
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Replaces a car's real source, e.g. after its connection settings were edited. The new source is built once the
     * update that may be running has finished (so two sources never use the same login or adapter at once), then
     * the old one is closed and the car read again. What the old source read stays on show, marked stale, when the
     * car is read from its real source.
     *
     * @param factory builds the new source, or gives null when the car is no longer configured
     * @return completes when the new source is in place; exceptionally when the factory failed (nothing changed)
     */
    public CompletableFuture<@Nullable VehicleService> replaceReal(String vehicleId,
            Supplier<@Nullable VehicleService> factory) {
        CompletableFuture<@Nullable VehicleService> done = new CompletableFuture<>();
        Runnable swap = () -> {
            try {
                done.complete(swapReal(vehicleId, factory.get()));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        CompletableFuture<HouseholdSnapshot> current;
        synchronized (this) {
            current = running;
        }
        if (current == null) {
            swap.run();
        } else {
            current.whenComplete((snapshot, error) -> swap.run());
        }
        return done;
    }

    private @Nullable VehicleService swapReal(String vehicleId, @Nullable VehicleService created) {
        VehicleService old;
        synchronized (this) {
            if (closed) {
                if (created != null) {
                    created.close();
                }
                return null;
            }
            List<VehicleSlot> next = new ArrayList<>();
            old = null;
            for (VehicleSlot slot : slots) {
                if (slot.id().equals(vehicleId)) {
                    old = slot.real();
                    next.add(new VehicleSlot(slot.id(), slot.kind(), slot.name(), slot.simulation(), created));
                } else {
                    next.add(slot);
                }
            }
            slots = List.copyOf(next);
            lastRealFetch.remove(vehicleId); // the household keeps showing its last status until the new one answers
        }
        if (old != null) {
            old.close();
        }
        requestUpdate();
        return created;
    }

    /** Replaces the geofence and reverse geocoding, e.g. after the home or geocoding settings were edited. */
    public void setEnricher(StatusEnricher newEnricher) {
        enricher = newEnricher;
        requestUpdate();
    }
}
