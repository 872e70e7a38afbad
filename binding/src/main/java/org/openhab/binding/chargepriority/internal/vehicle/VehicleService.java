package org.openhab.binding.chargepriority.internal.vehicle;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * The seam between the household and one source of a car's state: the simulation, the Tesla Fleet API or the Ioniq's
 * OBD adapter. Implementations never wake a sleeping car and bound every network or serial call with a timeout.
 */
@NonNullByDefault
public interface VehicleService extends AutoCloseable {

    /**
     * The id the source was made with (a simulated or pushed car: its car's id; the real Tesla and Ioniq: "tesla",
     * "ioniq"). The household goes by the id of the car's slot, which is its Thing's id in openHAB.
     */
    String id();

    /** Display name, e.g. "Tesla Model Y". */
    String name();

    DataSource source();

    /**
     * Reads the car's current state. When the car sleeps or does not answer, an implementation that still holds a last
     * known state returns it with {@code stale = true}; with nothing to return it throws.
     *
     * @throws VehicleException when no state can be given
     */
    VehicleStatus fetch() throws VehicleException;

    /**
     * Non-secret facts about the source for the API and channels (e.g. Tesla's billable call counts and the
     * estimated monthly cost). Keys are snake_case; values are JSON-friendly (String, Number, Boolean, Map, List).
     */
    default Map<String, Object> diagnostics() {
        return Map.of();
    }

    /** The car's usable battery in kWh when the source knows it (configured or reported), else null. */
    default @Nullable Double capacityKwh() {
        return null;
    }

    /**
     * The usable battery in kWh that the car's own data shows (a Tesla's last charge: energy per rated mile times the
     * rated range of a full battery), or null when it shows none. It wins over a configured capacity in the plan: it
     * is measured, and follows the battery's ageing.
     */
    default @Nullable Double reportedCapacityKwh() {
        return null;
    }

    /**
     * The error behind the status the last {@link #fetch()} returned, when it returned old values because the car
     * could not be read (adapter gone, garbage, server errors); null when it read the car, or the car sleeps.
     */
    default @Nullable String problem() {
        return null;
    }

    @Override
    default void close() {
    }
}
