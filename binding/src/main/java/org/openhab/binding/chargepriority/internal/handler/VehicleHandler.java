package org.openhab.binding.chargepriority.internal.handler;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.binding.BaseThingHandler;
import org.openhab.core.types.Command;
import org.openhab.core.types.RefreshType;
import org.openhab.core.types.State;

/**
 * A car under the household bridge. It checks its configuration and hands the bridge a {@link VehicleSetup}; the
 * bridge reads the car and passes every new snapshot back, which this handler shows on the channels and in the Thing
 * status. A car that cannot be read is OFFLINE with the reason while its last known values stay on the channels.
 * <p>
 * The car's id in the household ({@code priority#vehicle}, the REST API, mock mode) is its Thing's id, whatever its
 * kind, so a bridge may have any number of cars of each kind.
 */
@NonNullByDefault
public abstract class VehicleHandler extends BaseThingHandler {

    public static final String MOCK_MODE = "mockMode";

    private final String vehicleId;
    private final VehicleKind kind;
    private volatile @Nullable VehicleSetup setup;
    /** Set while the bridge cannot use this car (no real source, or a second Thing for the same car). */
    private volatile @Nullable String unusable;

    protected VehicleHandler(Thing thing, VehicleKind kind) {
        super(thing);
        this.vehicleId = thing.getUID().getId();
        this.kind = kind;
    }

    /**
     * Reads and checks the Thing configuration.
     *
     * @throws InvalidConfigurationException naming what is wrong
     */
    protected abstract VehicleSetup readSetup() throws InvalidConfigurationException;

    /** True when the Thing's {@code batteryCapacity} is only the plan's (the Tesla reports none of its own). */
    protected boolean planCapacity() {
        return false;
    }

    protected String vehicleId() {
        return vehicleId;
    }

    protected VehicleKind kind() {
        return kind;
    }

    @Override
    public void initialize() {
        unusable = null;
        VehicleSetup s;
        try {
            s = readSetup();
            DepartureSchedule departure = VehicleSetup.departure(getConfig().getProperties(), planCapacity());
            s = s.withDeparture(departure);
        } catch (InvalidConfigurationException e) {
            setup = null;
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.statusDescription());
            return;
        }
        Bridge bridge = getBridge();
        if (bridge == null) {
            setup = null;
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    "@text/offline.conf-error-no-bridge");
            return;
        }
        setup = s;
        // The bridge learns of this car from the framework (childHandlerInitialized) and reads it.
        if (bridge.getStatus() == ThingStatus.OFFLINE) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        } else {
            updateStatus(ThingStatus.UNKNOWN);
        }
    }

    @Override
    public void dispose() {
        setup = null;
    }

    @Override
    public void handleCommand(ChannelUID channelUID, Command command) {
        if (!(command instanceof RefreshType)) {
            return; // every car channel is read-only
        }
        HouseholdBridgeHandler bridge = bridgeHandler();
        HouseholdSnapshot snapshot = bridge != null ? bridge.snapshot() : null;
        VehicleView view = snapshot != null ? snapshot.vehicle(vehicleId) : null;
        if (bridge != null && view != null && view.status() != null) {
            State state = VehicleChannels.states(view, bridge.language()).get(channelUID.getId());
            if (state != null) {
                updateState(channelUID, state);
            }
        }
    }

    @Override
    public void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo) {
        if (setup == null || unusable != null) {
            return; // a configuration error stays until the configuration changes
        }
        if (bridgeStatusInfo.getStatus() == ThingStatus.OFFLINE) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
            return;
        }
        HouseholdBridgeHandler bridge = bridgeHandler();
        HouseholdSnapshot snapshot = bridge != null ? bridge.snapshot() : null;
        VehicleView view = snapshot != null ? snapshot.vehicle(vehicleId) : null;
        if (bridgeStatusInfo.getStatus() == ThingStatus.ONLINE && view != null) {
            updateStatus(view);
        } else {
            updateStatus(ThingStatus.UNKNOWN);
        }
    }

    /** The setup handed to the bridge, or null while the configuration is wrong or the handler is disposed. */
    @Nullable
    VehicleSetup setup() {
        return setup;
    }

    /** Called by the bridge with every new snapshot of its household. */
    void onSnapshot(HouseholdSnapshot snapshot, ReasonLanguage language) {
        VehicleView view = snapshot.vehicle(vehicleId);
        if (view == null || setup == null || unusable != null) {
            return;
        }
        if (view.status() != null || view.error() == null) {
            VehicleChannels.states(view, language).forEach(this::updateState);
        }
        PlanChannels.car(snapshot, vehicleId).forEach(this::updateState);
        updateStatus(view);
    }

    private void updateStatus(VehicleView view) {
        String error = view.error();
        if (error != null) {
            String kind = view.errorKind();
            boolean setupProblem = VehicleException.Kind.AUTHENTICATION.name().equals(kind)
                    || VehicleException.Kind.CONFIGURATION.name().equals(kind);
            updateStatus(ThingStatus.OFFLINE,
                    setupProblem ? ThingStatusDetail.CONFIGURATION_ERROR : ThingStatusDetail.COMMUNICATION_ERROR,
                    error);
        } else if (view.status() != null) {
            updateStatus(ThingStatus.ONLINE);
        } else {
            updateStatus(ThingStatus.UNKNOWN);
        }
    }

    /** Called by the bridge when it cannot use this car; the description is an {@code @text/} key. */
    void unusable(String description) {
        unusable = description;
        updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, description);
    }

    /**
     * Writes a mock mode changed at run time (REST API) into the Thing configuration.
     *
     * @return the setup that now describes this car, or null when the handler is disposed
     */
    @Nullable
    VehicleSetup persistMockMode(boolean mockMode) {
        Configuration edited = editConfiguration();
        edited.put(MOCK_MODE, mockMode);
        updateConfiguration(edited);
        VehicleSetup s = setup;
        if (s == null) {
            return null;
        }
        Map<String, Object> properties = edited.getProperties();
        VehicleSetup updated = s.withMockMode(mockMode, properties);
        setup = updated;
        return updated;
    }

    /**
     * Writes departures changed at run time (REST API, dashboard) into the Thing configuration, unless it already
     * holds them.
     */
    void persistDeparture(DepartureSchedule departure) {
        Configuration edited = editConfiguration();
        edited.put(VehicleSetup.DEPARTURES, DepartureSchedule.formatTimes(departure.times()));
        Integer target = departure.targetPercent();
        edited.put(VehicleSetup.TARGET_CHARGE, target != null ? java.math.BigDecimal.valueOf(target) : null);
        if (planCapacity()) {
            Double capacity = departure.capacityKwh();
            edited.put("batteryCapacity", capacity != null ? java.math.BigDecimal.valueOf(capacity) : null);
        }
        if (!edited.getProperties().equals(getConfig().getProperties())) {
            updateConfiguration(edited);
        }
        VehicleSetup s = setup;
        if (s != null) {
            setup = s.withDeparture(departure);
        }
    }

    private @Nullable HouseholdBridgeHandler bridgeHandler() {
        Bridge bridge = getBridge();
        return bridge != null && bridge.getHandler() instanceof HouseholdBridgeHandler handler ? handler : null;
    }
}
