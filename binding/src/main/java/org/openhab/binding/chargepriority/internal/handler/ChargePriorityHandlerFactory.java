package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.nio.file.Path;
import java.time.Clock;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.web.HouseholdRegistry;
import org.openhab.core.OpenHAB;
import org.openhab.core.i18n.LocaleProvider;
import org.openhab.core.i18n.LocationProvider;
import org.openhab.core.i18n.TimeZoneProvider;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.binding.BaseThingHandlerFactory;
import org.openhab.core.thing.binding.ThingHandler;
import org.openhab.core.thing.binding.ThingHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Creates the handlers of the {@code household} bridge and its {@code tesla}, {@code ioniq} and {@code vehicle} Things.
 */
@Component(service = ThingHandlerFactory.class, configurationPid = "binding." + BINDING_ID)
@NonNullByDefault
public class ChargePriorityHandlerFactory extends BaseThingHandlerFactory {

    private final HouseholdRegistry registry;
    private final LocationProvider locationProvider;
    private final TimeZoneProvider timeZoneProvider;
    private final LocaleProvider localeProvider;
    private final VehicleServiceFactory vehicleServices;

    @Activate
    public ChargePriorityHandlerFactory(@Reference HouseholdRegistry registry,
            @Reference LocationProvider locationProvider, @Reference TimeZoneProvider timeZoneProvider,
            @Reference LocaleProvider localeProvider) {
        this(registry, locationProvider, timeZoneProvider, localeProvider,
                new RealVehicleServiceFactory(Path.of(OpenHAB.getUserDataFolder(), "chargepriority"),
                        () -> Clock.system(timeZoneProvider.getTimeZone())));
    }

    ChargePriorityHandlerFactory(HouseholdRegistry registry, LocationProvider locationProvider,
            TimeZoneProvider timeZoneProvider, LocaleProvider localeProvider, VehicleServiceFactory vehicleServices) {
        this.registry = registry;
        this.locationProvider = locationProvider;
        this.timeZoneProvider = timeZoneProvider;
        this.localeProvider = localeProvider;
        this.vehicleServices = vehicleServices;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return SUPPORTED_THING_TYPES.contains(thingTypeUID);
    }

    @Override
    protected @Nullable ThingHandler createHandler(Thing thing) {
        ThingTypeUID type = thing.getThingTypeUID();
        if (THING_TYPE_HOUSEHOLD.equals(type) && thing instanceof Bridge bridge) {
            return new HouseholdBridgeHandler(bridge, registry, locationProvider, timeZoneProvider, localeProvider);
        }
        if (THING_TYPE_TESLA.equals(type)) {
            return new TeslaHandler(thing, vehicleServices);
        }
        if (THING_TYPE_IONIQ.equals(type)) {
            return new IoniqHandler(thing, vehicleServices);
        }
        if (THING_TYPE_VEHICLE.equals(type)) {
            return new GenericVehicleHandler(thing, () -> Clock.system(timeZoneProvider.getTimeZone()));
        }
        return null;
    }
}
