package org.openhab.binding.chargepriority.internal.handler;

import java.time.Clock;
import java.util.function.Supplier;

import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.types.Command;
import org.openhab.core.types.RefreshType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vehicle} Thing: any car whose state of charge (and, where known, range, charging, power, position or
 * presence) is already an openHAB item, from another binding. Its input channels take commands, e.g. through the
 * {@code follow} profile; every new value makes the household decide again. Its id in the household (and in
 * {@code priority#vehicle}) is the Thing's id.
 */
@NonNullByDefault
public class GenericVehicleHandler extends VehicleHandler {

    private final Logger logger = LoggerFactory.getLogger(GenericVehicleHandler.class);
    private final Supplier<Clock> clock;
    /** Kept over re-initialisations and household rebuilds: the values given so far stay known. */
    private @Nullable PushedVehicle car;

    public GenericVehicleHandler(Thing thing, Supplier<Clock> clock) {
        super(thing, VehicleKind.VEHICLE);
        this.clock = clock;
    }

    @Override
    protected VehicleSetup readSetup() throws InvalidConfigurationException {
        GenericVehicleConfiguration c = getConfigAs(GenericVehicleConfiguration.class);
        c.validate();
        String label = getThing().getLabel();
        PushedVehicle.Settings settings = c.settings(label != null ? label : vehicleId());
        PushedVehicle pushed;
        synchronized (this) {
            pushed = car;
            if (pushed == null) {
                pushed = new PushedVehicle(vehicleId(), settings, clock.get());
                car = pushed;
            } else {
                pushed.setSettings(settings);
            }
        }
        PushedVehicle source = pushed;
        // The bridge may call it otherwise when another car of the household has the same name.
        return new VehicleSetup(vehicleId(), kind(), settings.name(), false, getConfig().getProperties(), car -> {
            source.setSettings(new PushedVehicle.Settings(car.name(), settings.batteryCapacityKwh(),
                    settings.consumptionKwhPer100Km(), settings.maxAge()));
            return source;
        });
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        if (command instanceof RefreshType) {
            super.handleCommand(channelUID, command);
            return;
        }
        PushedVehicle pushed;
        synchronized (this) {
            pushed = car;
        }
        if (pushed == null) {
            return;
        }
        try {
            if (!push(pushed, channelUID.getId(), command)) {
                logger.debug("{} ignores {} on {}", getThing().getUID(), command, channelUID.getId());
                return;
            }
        } catch (IllegalArgumentException e) {
            logger.warn("{}: {} on {} rejected: {}", getThing().getUID(), command, channelUID.getId(),
                    e.getMessage());
            return;
        }
        Bridge bridge = getBridge();
        if (bridge != null && bridge.getHandler() instanceof HouseholdBridgeHandler household) {
            household.valuesGiven();
        }
    }

    /** True when the command was a value for one of the input channels. */
    private static boolean push(PushedVehicle car, String channel, Command command) {
        switch (channel) {
            case ChargePriorityBindingConstants.CHANNEL_BATTERY_LEVEL -> {
                Double percent = number(command, Units.PERCENT);
                if (percent != null) {
                    car.batteryPercent(percent);
                    return true;
                }
            }
            case ChargePriorityBindingConstants.CHANNEL_RANGE -> {
                Double km = number(command, VehicleChannels.KILOMETRE);
                if (km != null) {
                    car.rangeKm(km);
                    return true;
                }
            }
            case ChargePriorityBindingConstants.CHANNEL_CHARGING -> {
                if (command instanceof OnOffType onOff) {
                    car.charging(onOff == OnOffType.ON);
                    return true;
                }
            }
            case ChargePriorityBindingConstants.CHANNEL_CHARGING_POWER -> {
                Double kw = number(command, VehicleChannels.KILOWATT);
                if (kw != null) {
                    car.powerKw(kw);
                    return true;
                }
            }
            case ChargePriorityBindingConstants.CHANNEL_POSITION -> {
                if (command instanceof PointType point) {
                    car.position(point.getLatitude().doubleValue(), point.getLongitude().doubleValue());
                    return true;
                }
            }
            case ChargePriorityBindingConstants.CHANNEL_AT_HOME -> {
                if (command instanceof OnOffType onOff) {
                    car.atHome(onOff == OnOffType.ON);
                    return true;
                }
            }
            default -> {
            }
        }
        return false;
    }

    /** A plain number is taken in the channel's unit; a quantity is converted to it. */
    private static @Nullable Double number(Command command, Unit<?> unit) {
        if (command instanceof QuantityType<?> quantity) {
            QuantityType<?> converted = quantity.toUnit(unit);
            return converted != null ? converted.doubleValue() : null;
        } else if (command instanceof DecimalType decimal) {
            return decimal.doubleValue();
        }
        return null;
    }
}
