package org.openhab.binding.chargepriority.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.core.thing.Thing;

/**
 * The {@code tesla} Thing: a Tesla read through the Fleet API, or simulated.
 */
@NonNullByDefault
public class TeslaHandler extends VehicleHandler {

    private final VehicleServiceFactory services;

    public TeslaHandler(Thing thing, VehicleServiceFactory services) {
        super(thing, Simulation.TESLA);
        this.services = services;
    }

    @Override
    protected VehicleSetup readSetup() throws InvalidConfigurationException {
        TeslaConfiguration c = getConfigAs(TeslaConfiguration.class);
        c.validate();
        return new VehicleSetup(vehicleId(), c.mockMode, getConfig().getProperties(), () -> services.createTesla(c));
    }

    @Override
    protected boolean planCapacity() {
        return true;
    }
}
