package org.openhab.binding.chargepriority.internal.core;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulatedVehicle;

/**
 * One of the household's cars: its simulation and, when configured, its real source. Mock mode picks which one is
 * read. A car whose values are given to the binding (the {@code vehicle} Thing, an {@code http} car) has no
 * simulation: it is always read from its source.
 *
 * @param id the car's id: the id of its Thing (openHAB) or its cfg entry ("tesla", "ioniq", "car.&lt;id&gt;")
 * @param kind what kind of car it is (how it is read and simulated), independent of its id
 * @param name display name
 * @param simulation the simulated car, or null for a car that has none
 * @param real the real source, or null when it is not configured
 */
@NonNullByDefault
public record VehicleSlot(String id, VehicleKind kind, String name, @Nullable SimulatedVehicle simulation,
        @Nullable VehicleService real) {

    public VehicleSlot {
        if (simulation == null && real == null) {
            throw new IllegalArgumentException("car " + id + " has neither a simulation nor a source");
        }
    }

    /** A car that is only ever read from its source: its values are given to the binding. */
    public static VehicleSlot of(VehicleService source) {
        return new VehicleSlot(source.id(), VehicleKind.VEHICLE, source.name(), null, source);
    }

    public VehicleService active(boolean mockMode) {
        VehicleService r = real;
        SimulatedVehicle sim = simulation;
        if (r != null && (!mockMode || sim == null)) {
            return r;
        }
        return java.util.Objects.requireNonNull(sim);
    }

    /** True when the car can be simulated (mock mode means something for it). */
    public boolean simulated() {
        return simulation != null;
    }
}
