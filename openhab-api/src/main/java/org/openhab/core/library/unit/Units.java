package org.openhab.core.library.unit;

import javax.measure.Unit;
import javax.measure.quantity.Dimensionless;
import javax.measure.quantity.Power;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code Units}: the units the binding uses, from Indriya.
 */
@NonNullByDefault
public final class Units {

    public static final Unit<Dimensionless> ONE = tech.units.indriya.AbstractUnit.ONE;
    public static final Unit<Dimensionless> PERCENT = tech.units.indriya.unit.Units.PERCENT;
    public static final Unit<Power> WATT = tech.units.indriya.unit.Units.WATT;

    private Units() {
    }
}
