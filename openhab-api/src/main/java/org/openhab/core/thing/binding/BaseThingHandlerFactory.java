package org.openhab.core.thing.binding;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.thing.Thing;

/**
 * Stand-in for openHAB 4.3's {@code BaseThingHandlerFactory}: the member the binding implements.
 */
@NonNullByDefault
public abstract class BaseThingHandlerFactory implements ThingHandlerFactory {

    public BaseThingHandlerFactory() {
    }

    protected abstract @Nullable ThingHandler createHandler(Thing thing);
}
