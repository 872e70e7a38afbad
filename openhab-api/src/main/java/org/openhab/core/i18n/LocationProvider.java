package org.openhab.core.i18n;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.library.types.PointType;

/**
 * Stand-in for openHAB 4.3's {@code LocationProvider}.
 */
@NonNullByDefault
public interface LocationProvider {

    /** openHAB's configured location, or null when none is set. */
    @Nullable
    PointType getLocation();
}
