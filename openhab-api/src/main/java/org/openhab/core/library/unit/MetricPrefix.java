package org.openhab.core.library.unit;

import javax.measure.Quantity;
import javax.measure.Unit;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code MetricPrefix}.
 */
@NonNullByDefault
public class MetricPrefix {

    public MetricPrefix() {
    }

    public static <T extends Quantity<T>> Unit<T> KILO(Unit<T> unit) {
        return unit.prefix(javax.measure.MetricPrefix.KILO);
    }
}
