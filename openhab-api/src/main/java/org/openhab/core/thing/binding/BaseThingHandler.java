package org.openhab.core.thing.binding;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.common.ThreadPoolManager;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.ChannelUID;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingStatus;
import org.openhab.core.thing.ThingStatusDetail;
import org.openhab.core.thing.ThingStatusInfo;
import org.openhab.core.thing.ThingUID;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;

/**
 * Stand-in for openHAB 4.3's {@code BaseThingHandler}, behaving as openHAB's does for the members the binding uses:
 * the shared "thingHandler" scheduled pool, state and status through the callback, configuration copies.
 */
@NonNullByDefault
public abstract class BaseThingHandler implements ThingHandler {

    protected final ScheduledExecutorService scheduler = ThreadPoolManager.getScheduledPool("thingHandler");

    protected Thing thing;

    private @Nullable ThingHandlerCallback callback;

    public BaseThingHandler(Thing thing) {
        this.thing = thing;
    }

    @Override
    public void dispose() {
    }

    @Override
    public Thing getThing() {
        return thing;
    }

    @Override
    public void setCallback(@Nullable ThingHandlerCallback thingHandlerCallback) {
        synchronized (this) {
            this.callback = thingHandlerCallback;
        }
    }

    protected @Nullable ThingHandlerCallback getCallback() {
        return callback;
    }

    protected Configuration getConfig() {
        return getThing().getConfiguration();
    }

    protected <T> T getConfigAs(Class<T> configurationClass) {
        return getConfig().as(configurationClass);
    }

    protected void updateState(ChannelUID channelUID, State state) {
        synchronized (this) {
            ThingHandlerCallback c = callback;
            if (c != null) {
                c.stateUpdated(channelUID, state);
            }
        }
    }

    protected void updateState(String channelID, State state) {
        updateState(new ChannelUID(getThing().getUID(), channelID), state);
    }

    protected void sendTimeSeries(ChannelUID channelUID, TimeSeries timeSeries) {
        synchronized (this) {
            ThingHandlerCallback c = callback;
            if (c != null) {
                c.sendTimeSeries(channelUID, timeSeries);
            }
        }
    }

    protected void sendTimeSeries(String channelID, TimeSeries timeSeries) {
        sendTimeSeries(new ChannelUID(getThing().getUID(), channelID), timeSeries);
    }

    protected void updateStatus(ThingStatus status, ThingStatusDetail statusDetail, @Nullable String description) {
        synchronized (this) {
            ThingHandlerCallback c = callback;
            if (c != null) {
                c.statusUpdated(thing, new ThingStatusInfo(status, statusDetail, description));
            }
        }
    }

    protected void updateStatus(ThingStatus status, ThingStatusDetail statusDetail) {
        updateStatus(status, statusDetail, null);
    }

    protected void updateStatus(ThingStatus status) {
        updateStatus(status, ThingStatusDetail.NONE, null);
    }

    protected Configuration editConfiguration() {
        return new Configuration(new HashMap<>(thing.getConfiguration().getProperties()));
    }

    protected void updateConfiguration(Configuration configuration) {
        Map<String, Object> old = thing.getConfiguration().getProperties();
        try {
            thing.getConfiguration().setProperties(configuration.getProperties());
            synchronized (this) {
                ThingHandlerCallback c = callback;
                if (c != null) {
                    c.thingUpdated(thing);
                }
            }
        } catch (RuntimeException e) {
            thing.getConfiguration().setProperties(old);
            throw e;
        }
    }

    protected @Nullable Bridge getBridge() {
        ThingUID bridgeUID = thing.getBridgeUID();
        synchronized (this) {
            ThingHandlerCallback c = callback;
            return c != null && bridgeUID != null ? c.getBridge(bridgeUID) : null;
        }
    }

    @Override
    public void bridgeStatusChanged(ThingStatusInfo bridgeStatusInfo) {
        if (bridgeStatusInfo.getStatus() == ThingStatus.ONLINE
                && getThing().getStatusInfo().getStatusDetail() == ThingStatusDetail.BRIDGE_OFFLINE) {
            updateStatus(ThingStatus.ONLINE, ThingStatusDetail.NONE);
        } else if (bridgeStatusInfo.getStatus() == ThingStatus.OFFLINE) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE);
        }
    }
}
