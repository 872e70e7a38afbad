package org.openhab.binding.chargepriority.internal.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.Servlet;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.CarNames;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;
import org.openhab.binding.chargepriority.internal.web.HouseholdRegistry;
import org.openhab.binding.chargepriority.internal.web.RootRedirectServlet;
import org.openhab.binding.chargepriority.internal.web.WebSecurity;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone front door: builds a {@link Household} from ConfigAdmin PID {@code chargepriority} outside openHAB,
 * registers it with the web layer, and persists run-time settings changes back to the same configuration (Felix
 * FileInstall writes them to {@code conf/chargepriority.cfg}). Inside openHAB there is no such configuration, so this
 * component stays inactive there.
 */
@Component(configurationPid = StandaloneConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@NonNullByDefault
public class StandaloneHousehold {

    /** The file FileInstall loaded a configuration from, as a file: URI. */
    private static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private final Logger logger = LoggerFactory.getLogger(StandaloneHousehold.class);
    private final HouseholdRegistry registry;
    private final ConfigurationAdmin configAdmin;
    private final ScheduledExecutorService executor;
    private final HistoryStore store;
    private final Household household;
    /** The price source and its cache; replaced only when a {@code price.*} key changes. */
    private PlanPrices.Provider prices;
    private final Clock clock;
    /** The configuration last applied, to tell which connections a change touches. Guarded by this. */
    private StandaloneConfig applied;
    /** The settings the binding last wrote to the configuration file, or read from it at start. Guarded by this. */
    private HouseholdSettings lastWritten;
    private final @Nullable ServiceRegistration<Servlet> redirect;
    /** The real car sources; every Tesla on one sign-in. */
    private final RealVehicles real;
    /**
     * The declared cars of kind tesla or ioniq with a real source: their mock modes are written back as
     * {@code car.<id>.mockMode}.
     */
    private final List<String> mockModeCars;
    /** The declared Teslas with a real source, by id, with their display names. */
    private final Map<String, String> declaredTeslas;

    @Activate
    public StandaloneHousehold(@Reference HouseholdRegistry registry, @Reference ConfigurationAdmin configAdmin,
            BundleContext context, Map<String, Object> properties) {
        this.registry = registry;
        this.configAdmin = configAdmin;
        StandaloneConfig config = new StandaloneConfig(properties);
        HouseholdSettings settings = config.settings();
        this.lastWritten = settings;
        this.applied = config;
        WebSecurity security = config.webSecurity();
        Clock clock = Clock.system(config.zone());
        this.clock = clock;
        this.executor = newExecutor();
        this.store = new HistoryStore(config.dataDir().resolve("charging_manager.db"));
        // The built-in Tesla and Ioniq, the cars declared as car.<id>.kind, named and ordered as in openHAB.
        List<StandaloneConfig.SimulatedCar> declared = config.simulatedCars();
        Map<String, PushedVehicle.Settings> httpCars = config.httpCars();
        Map<String, SimulationProfile> builtIn = Simulation.profiles(config.string("simulationScenario"));
        Map<String, String> names = names(builtIn, declared, httpCars);
        Simulation simulation = Simulation.withBuiltInCars(clock, config.homeLatitude(), config.homeLongitude(),
                builtIn, store::lastSimulatedBatteryPercent, declared.stream()
                        .map(car -> new Simulation.Car(car.id(), car.kind(), names.getOrDefault(car.id(), car.id())))
                        .toList());
        this.real = new RealVehicles(config.dataDir());
        List<VehicleSlot> slots = new ArrayList<>(simulation.slots(real.create(config, clock, declared, names)));
        httpCars.forEach((id, car) -> slots.add(VehicleSlot.of(new PushedVehicle(id,
                new PushedVehicle.Settings(names.getOrDefault(id, id), car.batteryCapacityKwh(),
                        car.consumptionKwhPer100Km(), car.maxAge()),
                clock))));
        // The first of each kind is the seed API's "tesla" and "ioniq": the built-in cars.
        slots.sort(Comparator.comparing(slot -> new CarNames.Car(slot.id(), slot.kind(), null), CarNames.ORDER));
        List<String> switchable = new ArrayList<>();
        Map<String, String> teslas = new LinkedHashMap<>();
        for (StandaloneConfig.SimulatedCar car : declared) {
            if (car.real() && slots.stream().anyMatch(slot -> slot.id().equals(car.id()) && slot.real() != null)) {
                switchable.add(car.id());
            }
            if (car.real() && car.kind() == VehicleKind.TESLA && config.string("car." + car.id() + ".vin") != null) {
                teslas.put(car.id(), names.getOrDefault(car.id(), car.id()));
            }
        }
        this.mockModeCars = List.copyOf(switchable);
        this.declaredTeslas = Map.copyOf(teslas);
        this.household = new Household(slots, settings, store, clock, executor, RealVehicles.enricher(config, clock),
                this::persist);
        List<String> ids = slots.stream().map(VehicleSlot::id).toList();
        this.prices = config.prices(clock);
        household.configurePlanning(config.planSettings(), prices, config.departures(ids),
                this::persistDeparture);
        household.addListener(simulation::followPriority);
        household.start();
        registry.register(household, security);
        this.redirect = registerRedirect(context);
        logger.info("Charge Priority started: data in {}, threshold {} %, update every {} min, mock modes {}",
                config.dataDir().toAbsolutePath(), settings.chargeThreshold(), settings.updateIntervalMinutes(),
                settings.mockModes());
    }

    /**
     * The display names of the runtime's cars, by id (see {@link CarNames}): the built-in Tesla and Ioniq keep their
     * simulation's names (the scenario's, or "Tesla Model Y" and "Hyundai Ioniq 5"), a declared car is called by its
     * {@code car.<id>.name} or else its id; a name another car already has gets the car's id in brackets.
     *
     * @param builtIn the built-in cars' simulation profiles by id ("tesla", "ioniq")
     */
    static Map<String, String> names(Map<String, SimulationProfile> builtIn,
            List<StandaloneConfig.SimulatedCar> declared, Map<String, PushedVehicle.Settings> httpCars) {
        List<CarNames.Car> cars = new ArrayList<>();
        builtIn.keySet().forEach(id -> cars.add(new CarNames.Car(id, Objects.requireNonNull(VehicleKind.fromId(id)),
                null)));
        for (StandaloneConfig.SimulatedCar car : declared) {
            String name = car.name();
            cars.add(new CarNames.Car(car.id(), car.kind(), name != null ? name : car.id()));
        }
        httpCars.forEach((id, car) -> cars.add(new CarNames.Car(id, VehicleKind.VEHICLE, car.name())));
        return CarNames.of(cars, kind -> {
            SimulationProfile profile = builtIn.get(kind.id());
            return profile != null ? profile.name() : null;
        });
    }

    private static ScheduledExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "chargepriority-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private @Nullable ServiceRegistration<Servlet> registerRedirect(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "chargepriority-root-redirect");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/");
        return context.registerService(Servlet.class, new RootRedirectServlet(), props);
    }

    /**
     * A configuration change: a hand edit of conf/chargepriority.cfg (via FileInstall) is applied; the echoes of the
     * binding's own writes are not. Those arrive late and out of order (each write reaches SCR twice, once from
     * ConfigAdmin and once from FileInstall's next poll), and applying an old one would undo a newer change.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        try {
            StandaloneConfig config = new StandaloneConfig(properties);
            HouseholdSettings changed = config.settings();
            WebSecurity security = config.webSecurity();
            boolean stale = isStale(properties);
            if (changed.equals(lastWritten) || stale) {
                logger.debug("Configuration {}: settings not applied again (written by the binding itself, or an "
                        + "older state of the file)", StandaloneConfig.PID);
            } else {
                household.updateSettings(s -> changed);
            }
            registry.setSecurity(household, security);
            if (!stale) {
                applyPlanning(config);
                ConfigChanges.apply(applied, config, household, clock, real, declaredTeslas);
                applied = config;
            }
        } catch (IllegalArgumentException e) {
            logger.warn("Configuration {} ignored: {}", StandaloneConfig.PID, e.getMessage());
        }
    }


    /**
     * True when FileInstall delivers settings it read from conf/chargepriority.cfg that the file no longer holds: an
     * older state of the file, read between two quick changes (e.g. two threshold changes in a row), arriving after
     * the newer one was applied. Applying it would undo the newer change; FileInstall delivers the file's newer
     * content on its next poll anyway. A hand edit of the file always matches the file, so it is applied.
     */
    private boolean isStale(Map<String, Object> properties) {
        Object fileName = properties.get(FILEINSTALL_FILENAME);
        if (fileName == null) {
            return false;
        }
        try (Reader in = Files.newBufferedReader(Path.of(URI.create(fileName.toString())),
                StandardCharsets.ISO_8859_1)) {
            Properties onDisk = new Properties();
            onDisk.load(in);
            Map<String, Object> fromFile = new HashMap<>();
            onDisk.forEach((k, v) -> fromFile.put(k.toString(), v));
            return !new StandaloneConfig(fromFile).settings().equals(new StandaloneConfig(properties).settings());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Saves changed settings: into conf/chargepriority.cfg (atomically, see {@link ConfigFile}; FileInstall's own
     * write-back is off) and then into the configuration, so FileInstall finds the file equal to it and SCR's
     * {@code modified} gets what the household already has. Always the household's newest settings, so two changes
     * that race here end with the later one in the file, whichever call comes last.
     */
    private synchronized void persist(HouseholdSettings requested) {
        HouseholdSettings settings = household.settings();
        lastWritten = settings;
        Map<String, String> text = new LinkedHashMap<>();
        StandaloneConfig.toProperties(settings, mockModeCars).forEach((k, v) -> text.put(k, String.valueOf(v)));
        writeProperties(text);
    }

    /**
     * Writes keys into conf/chargepriority.cfg (atomically, see {@link ConfigFile}) and into the configuration, so
     * FileInstall finds the file equal to it. Caller holds the lock.
     */
    private void writeProperties(Map<String, String> values) {
        try {
            // The configuration FileInstall made from conf/chargepriority.cfg (bound to location "?"): looked up,
            // not fetched with getConfiguration(pid, null), which would hand back a new, empty one.
            Configuration[] found = configAdmin
                    .listConfigurations("(" + Constants.SERVICE_PID + "=" + StandaloneConfig.PID + ")");
            Configuration configuration = found != null && found.length > 0 ? found[0]
                    : configAdmin.getConfiguration(StandaloneConfig.PID, "?");
            Dictionary<String, Object> props = configuration.getProperties();
            Dictionary<String, Object> updated = new Hashtable<>();
            if (props != null) {
                for (var keys = props.keys(); keys.hasMoreElements();) {
                    String key = keys.nextElement();
                    updated.put(key, props.get(key));
                }
            }
            Object fileName = updated.get(FILEINSTALL_FILENAME);
            if (fileName != null) {
                ConfigFile.update(Path.of(URI.create(fileName.toString())), values);
            }
            values.forEach(updated::put);
            configuration.update(updated);
        } catch (IOException | InvalidSyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot save the configuration: " + e.getMessage(), e);
        }
    }


    /**
     * A hand edit of the plan.* or price.* keys: the planning re-configured and re-planned at the next update; a
     * car's departures applied when they differ from what the household has (its own writes come back equal).
     */
    private void applyPlanning(StandaloneConfig config) {
        boolean newSource = !applied.keysStartingWith("price.").equals(config.keysStartingWith("price."));
        boolean planning = newSource || !applied.planSettings().equals(config.planSettings());
        List<String> ids = household.slots().stream().map(VehicleSlot::id).toList();
        Map<String, DepartureSchedule> departures = config.departures(ids);
        if (planning) {
            Map<String, DepartureSchedule> current = new LinkedHashMap<>();
            ids.forEach(id -> current.put(id, household.departure(id)));
            if (newSource) {
                prices = config.prices(clock);
            }
            household.configurePlanning(config.planSettings(), prices, current,
                    this::persistDeparture); // re-plans at once, with the new prices
            logger.info("Configuration {}: the planning settings changed and apply now",
                    StandaloneConfig.PID);
        }
        departures.forEach((id, d) -> {
            if (!d.equals(household.departure(id))) {
                household.setDeparture(id, d);
            }
        });
    }

    /** Saves a car's departures changed at run time into conf/chargepriority.cfg and the configuration. */
    private synchronized void persistDeparture(String vehicleId, DepartureSchedule schedule) {
        writeProperties(StandaloneConfig.toProperties(vehicleId, schedule));
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<Servlet> r = redirect;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                logger.debug("Redirect servlet already unregistered");
            }
        }
        registry.unregister(household);
        household.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        logger.info("Charge Priority stopped");
    }

}
