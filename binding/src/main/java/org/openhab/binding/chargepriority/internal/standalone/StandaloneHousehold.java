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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.Servlet;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
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
        Simulation simulation = Simulation.create(clock, config.homeLatitude(), config.homeLongitude(),
                config.string("simulationScenario"), store::lastSimulatedBatteryPercent, moreCars(config));
        List<VehicleSlot> slots = new ArrayList<>(simulation.slots(RealVehicles.create(config, clock)));
        config.httpCars().forEach((id, car) -> slots.add(VehicleSlot.of(new PushedVehicle(id, car, clock))));
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
     * The simulated cars declared as {@code car.<id>.kind=simulated|tesla|ioniq}, named: their own {@code name}, or
     * their profile's with the id in brackets ("Tesla Model Y (model3)"), so the history tells them apart.
     *
     * @throws InvalidSettingException for a wrong key, or a name another car already has
     */
    static List<Simulation.Car> moreCars(StandaloneConfig config) {
        Map<String, String> taken = new LinkedHashMap<>();
        Simulation.defaultProfiles().forEach((id, profile) -> taken.put(profile.name(), id));
        config.httpCars().forEach((id, car) -> taken.put(car.name(), id));
        List<Simulation.Car> cars = new ArrayList<>();
        for (StandaloneConfig.SimulatedCar car : config.simulatedCars()) {
            String own = car.name();
            String name = own != null ? own
                    : java.util.Objects.requireNonNull(Simulation.defaultProfiles().get(car.kind().id())).name() + " ("
                            + car.id() + ")";
            String other = taken.putIfAbsent(name, car.id());
            if (other != null) {
                throw new InvalidSettingException("car." + car.id() + ".name", "car." + car.id() + ".name '" + name
                        + "' is already the name of car " + other + ": the history tells cars apart by name");
            }
            cars.add(new Simulation.Car(car.id(), car.kind(), name));
        }
        return cars;
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
                ConfigChanges.apply(applied, config, household, clock);
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
        StandaloneConfig.toProperties(settings).forEach((k, v) -> text.put(k, String.valueOf(v)));
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
