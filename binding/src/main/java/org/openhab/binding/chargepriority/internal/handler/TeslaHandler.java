package org.openhab.binding.chargepriority.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.core.thing.Thing;

/**
 * The {@code tesla} Thing: a Tesla read through the Fleet API, or simulated. The Teslas of one bridge and region share
 * one sign-in (see {@link RealVehicleServiceFactory}); each is read by its own VIN.
 */
@NonNullByDefault
public class TeslaHandler extends VehicleHandler {

    private final VehicleServiceFactory services;

    public TeslaHandler(Thing thing, VehicleServiceFactory services) {
        super(thing, VehicleKind.TESLA);
        this.services = services;
    }

    @Override
    protected VehicleSetup readSetup() throws InvalidConfigurationException {
        TeslaConfiguration c = getConfigAs(TeslaConfiguration.class);
        c.validate();
        return new VehicleSetup(vehicleId(), kind(), getThing().getLabel(), c.mockMode, getConfig().getProperties(),
                car -> services.createTesla(car, c));
    }

    @Override
    protected boolean planCapacity() {
        return true;
    }
}
