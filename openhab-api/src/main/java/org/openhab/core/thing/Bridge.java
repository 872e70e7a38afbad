package org.openhab.core.thing;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.binding.BridgeHandler;

/**
 * Stand-in for openHAB 4.3's {@code Bridge}.
 */
@NonNullByDefault
public interface Bridge extends Thing {

    @Override
    @Nullable
    BridgeHandler getHandler();
}
