package org.openhab.binding.chargepriority.internal.core;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulatedVehicle;

/**
 * One of the household's cars: its simulation and, when configured, its real source. Mock mode picks which one is
 * read.
 *
 * @param id "tesla" or "ioniq"
 * @param name display name
 * @param simulation the simulated car (always present: mock mode is the default)
 * @param real the real source, or null when it is not configured
 */
@NonNullByDefault
public record VehicleSlot(String id, String name, SimulatedVehicle simulation, @Nullable VehicleService real) {

    public VehicleService active(boolean mockMode) {
        VehicleService r = real;
        return mockMode || r == null ? simulation : r;
    }
}
