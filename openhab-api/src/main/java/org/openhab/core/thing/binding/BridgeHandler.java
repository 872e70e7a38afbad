package org.openhab.core.thing.binding;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.thing.Thing;

/**
 * Stand-in for openHAB 4.3's {@code BridgeHandler}.
 */
@NonNullByDefault
public interface BridgeHandler extends ThingHandler {

    void childHandlerInitialized(ThingHandler childHandler, Thing childThing);

    void childHandlerDisposed(ThingHandler childHandler, Thing childThing);
}
