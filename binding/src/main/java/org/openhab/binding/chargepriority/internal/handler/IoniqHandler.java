package org.openhab.binding.chargepriority.internal.handler;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.core.thing.Thing;

/**
 * The {@code ioniq} Thing: a Hyundai Ioniq 5 read through an OBD-II adapter, or simulated.
 */
@NonNullByDefault
public class IoniqHandler extends VehicleHandler {

    private final VehicleServiceFactory services;

    public IoniqHandler(Thing thing, VehicleServiceFactory services) {
        super(thing, VehicleKind.IONIQ);
        this.services = services;
    }

    @Override
    protected VehicleSetup readSetup() throws InvalidConfigurationException {
        IoniqConfiguration c = getConfigAs(IoniqConfiguration.class);
        c.validate();
        return new VehicleSetup(vehicleId(), kind(), getThing().getLabel(), c.mockMode, getConfig().getProperties(),
                car -> services.createIoniq(car, c));
    }
}
