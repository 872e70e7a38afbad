package org.openhab.binding.chargepriority.internal.standalone;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a hand edit of {@code conf/chargepriority.cfg} beyond the household and web settings: a changed
 * {@code ioniq.*} key re-creates the built-in Ioniq's real source, a changed {@code tesla.*} key every Tesla's (they
 * share the sign-in of {@code tesla.*}), a changed {@code home*} or {@code geocoding.*} key the geofence and the
 * reverse geocoding. {@link #RESTART_KEYS} and the {@code car.*} keys are read only at start (the history file, the
 * clock, the simulated cars, the declared cars): a change to one is reported in the log and the error log and takes
 * effect after a restart; {@code car.<id>.mockMode} is a setting (applied with the others, like
 * {@code teslaMockMode}). Only key names are logged, never values (the file holds secrets).
 */
@NonNullByDefault
final class ConfigChanges {

    /** Keys that are not applied at run time. */
    static final List<String> RESTART_KEYS = List.of("dataDir", "timeZone", "simulationScenario");

    /** A declared car's mock mode: written by the runtime itself when it is switched, and applied as a setting. */
    private static final Pattern MOCK_MODE_KEY = Pattern.compile("car\\.[^.]+\\.mockMode");

    private static final Logger LOGGER = LoggerFactory.getLogger(ConfigChanges.class);

    private ConfigChanges() {
    }

    /**
     * @param real the runtime's real sources; {@code declaredTeslas} the declared Teslas with a real source (id and
     *            display name), opened again with the built-in one when a {@code tesla.*} key changed
     */
    static void apply(StandaloneConfig before, StandaloneConfig after, Household household, Clock clock,
            RealVehicles real, Map<String, String> declaredTeslas) {
        Set<String> tesla = changedKeys(before, after, "tesla.");
        if (!tesla.isEmpty()) {
            real.newSignIn(); // each Tesla lets go of the old sign-in when its new source is in place
            reCreate("tesla", tesla, household, () -> real.tesla(after, clock));
            declaredTeslas.forEach((id, name) -> reCreate(id, tesla, household, () -> real.tesla(after, clock, id,
                    name)));
        }
        reCreate("ioniq", changedKeys(before, after, "ioniq."), household, () -> IoniqFromConfig.create(after));
        Set<String> location = changedKeys(before, after, "home");
        location.addAll(changedKeys(before, after, "geocoding."));
        if (!location.isEmpty()) {
            household.setEnricher(RealVehicles.enricher(after, clock));
            LOGGER.info("Configuration {}: {} changed; the home geofence and the reverse geocoding were re-created",
                    StandaloneConfig.PID, location);
        }
        Set<String> cars = changedKeys(before, after, "car.");
        cars.removeIf(key -> MOCK_MODE_KEY.matcher(key).matches()); // a setting, applied at once
        if (!cars.isEmpty()) {
            String message = cars + " changed in the configuration: the cars are read only at start; restart the "
                    + "runtime to add, remove or change a car";
            LOGGER.warn("Configuration {}: {}", StandaloneConfig.PID, message);
            household.recordError("configuration", "RestartRequired", message);
        }
        for (String key : RESTART_KEYS) {
            if (!Objects.equals(before.string(key), after.string(key))) {
                String message = key + " changed in the configuration: it is read only at start; restart the "
                        + "runtime to apply it (until then the previous value stays in use)";
                LOGGER.warn("Configuration {}: {}", StandaloneConfig.PID, message);
                household.recordError("configuration", "RestartRequired", message);
            }
        }
    }

    private static void reCreate(String vehicleId, Set<String> changed, Household household,
            Supplier<@Nullable VehicleService> factory) {
        if (changed.isEmpty()) {
            return;
        }
        household.replaceReal(vehicleId, factory).whenComplete((service, error) -> {
            if (error != null) {
                String message = "The " + vehicleId + " connection was not re-created after " + changed
                        + " changed, the previous one stays: " + error.getMessage();
                LOGGER.warn("Configuration {}: {}", StandaloneConfig.PID, message);
                household.recordError("configuration", error.getClass().getSimpleName(), message);
            } else {
                LOGGER.info("Configuration {}: {} changed; the {} connection was re-created{}", StandaloneConfig.PID,
                        changed, vehicleId, service == null ? " (not configured: the car is simulated)" : "");
            }
        });
    }

    /** The keys starting with {@code prefix} that were added, removed or changed. */
    static Set<String> changedKeys(StandaloneConfig before, StandaloneConfig after, String prefix) {
        Map<String, String> a = before.keysStartingWith(prefix);
        Map<String, String> b = after.keysStartingWith(prefix);
        Set<String> changed = new TreeSet<>();
        for (String key : a.keySet()) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changed.add(key);
            }
        }
        for (String key : b.keySet()) {
            if (!a.containsKey(key)) {
                changed.add(key);
            }
        }
        return changed;
    }
}
