package org.openhab.core.library.unit;

import javax.measure.Unit;
import javax.measure.quantity.Length;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code SIUnits}: the units the binding uses, from Indriya.
 */
@NonNullByDefault
public final class SIUnits {

    public static final Unit<Length> METRE = tech.units.indriya.unit.Units.METRE;

    private SIUnits() {
    }
}
