package org.openhab.core.thing;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.thing.binding.ThingHandler;

/**
 * Stand-in for openHAB 4.3's {@code Thing}: the members the binding uses.
 */
@NonNullByDefault
public interface Thing {

    @Nullable
    String getLabel();

    ThingStatus getStatus();

    ThingStatusInfo getStatusInfo();

    @Nullable
    ThingHandler getHandler();

    @Nullable
    ThingUID getBridgeUID();

    Configuration getConfiguration();

    ThingUID getUID();

    ThingTypeUID getThingTypeUID();
}
