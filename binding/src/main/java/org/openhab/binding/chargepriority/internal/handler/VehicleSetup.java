package org.openhab.binding.chargepriority.internal.handler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * What a car Thing hands its household bridge: which car, of what kind, whether it is simulated, and how to open its
 * real source.
 *
 * @param vehicleId the car's id in the household: its Thing's id
 * @param kind what kind of car the Thing is (its Thing type)
 * @param label the name the Thing asks for (its label, or a {@code vehicle} Thing's configured name), or null; the
 *            bridge decides the display name from it (see {@link CarNames})
 * @param mockMode true when the simulated car is read
 * @param configuration the Thing configuration it was made from (a different one means the household is rebuilt)
 * @param realSource opens the real source for the car as the bridge names it; returns null when there is none (see
 *            {@link VehicleServiceFactory})
 * @param departure the car's departures, target and plan capacity (not part of {@code configuration}: changing them
 *            re-plans, it does not rebuild the household)
 */
@NonNullByDefault
public record VehicleSetup(String vehicleId, VehicleKind kind, @Nullable String label, boolean mockMode,
        Map<String, Object> configuration, Function<VehicleServiceFactory.Car, @Nullable VehicleService> realSource,
        DepartureSchedule departure) {

    /** The configuration parameters of the night plan: changing them re-plans, it does not rebuild the household. */
    public static final String DEPARTURES = "departures";
    public static final String TARGET_CHARGE = "targetCharge";
    public static final List<String> PLAN_PARAMETERS = List.of(DEPARTURES, TARGET_CHARGE);

    public VehicleSetup {
        Map<String, Object> connection = new HashMap<>(configuration);
        PLAN_PARAMETERS.forEach(connection::remove);
        configuration = Map.copyOf(connection);
    }

    /**
     * A setup whose departures are read from the configuration ({@link #departure(Map, boolean)}); check them with it
     * first, this constructor takes unreadable ones as none.
     */
    public VehicleSetup(String vehicleId, VehicleKind kind, @Nullable String label, boolean mockMode,
            Map<String, Object> configuration, Function<VehicleServiceFactory.Car, @Nullable VehicleService> realSource) {
        this(vehicleId, kind, label, mockMode, configuration, realSource, departureOrNone(configuration, false));
    }

    private static DepartureSchedule departureOrNone(Map<String, Object> configuration, boolean capacity) {
        try {
            return departure(configuration, capacity);
        } catch (InvalidConfigurationException e) {
            return DepartureSchedule.NONE;
        }
    }

    /**
     * A car's departures from its Thing configuration: {@code departures} (text), {@code targetCharge} (percent) and,
     * with {@code capacity}, {@code batteryCapacity} as the plan's battery size (the Tesla's).
     *
     * @throws InvalidConfigurationException naming what cannot be read
     */
    public static DepartureSchedule departure(Map<String, Object> configuration, boolean capacity)
            throws InvalidConfigurationException {
        Object text = configuration.get(DEPARTURES);
        Object target = configuration.get(TARGET_CHARGE);
        Object battery = capacity ? configuration.get("batteryCapacity") : null;
        try {
            Integer t = target instanceof Number n ? Integer.valueOf(n.intValue()) : null;
            Double c = battery instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
            return new DepartureSchedule(DepartureSchedule.parseTimes(text != null ? text.toString() : null), t, c);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("offline.conf-error-departures", String.valueOf(e.getMessage()));
        }
    }

    /** A copy with other departures. */
    public VehicleSetup withDeparture(DepartureSchedule newDeparture) {
        return new VehicleSetup(vehicleId, kind, label, mockMode, configuration, realSource, newDeparture);
    }

    /** True when the household built from {@code other} can serve this setup unchanged. */
    public boolean sameAs(VehicleSetup other) {
        return vehicleId.equals(other.vehicleId) && kind == other.kind && java.util.Objects.equals(label, other.label)
                && mockMode == other.mockMode && configuration.equals(other.configuration);
    }

    public VehicleSetup withMockMode(boolean newMockMode, Map<String, Object> newConfiguration) {
        return new VehicleSetup(vehicleId, kind, label, newMockMode, newConfiguration, realSource, departure);
    }
}
