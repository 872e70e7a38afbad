package org.openhab.core.library.types;

import java.math.BigDecimal;

import javax.measure.Quantity;
import javax.measure.Unit;
import javax.measure.UnitConverter;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.types.Command;
import org.openhab.core.types.PrimitiveType;
import org.openhab.core.types.State;

/**
 * Stand-in for openHAB 4.3's {@code QuantityType}: a decimal value with a {@code javax.measure} unit. Equal when the
 * units are compatible and the values are equal in the same unit, as in openHAB.
 */
@NonNullByDefault
public class QuantityType<T extends Quantity<T>> extends Number
        implements PrimitiveType, State, Command, Comparable<QuantityType<T>> {

    private static final long serialVersionUID = 1L;

    private final BigDecimal value;
    private final Unit<T> unit;

    public QuantityType(Number value, Unit<T> unit) {
        this.value = value instanceof BigDecimal bd ? bd : new BigDecimal(value.toString());
        this.unit = unit;
    }

    public Unit<T> getUnit() {
        return unit;
    }

    /** The value in the given unit, or null when the units are not compatible. */
    @SuppressWarnings("unchecked")
    public @Nullable QuantityType<T> toUnit(Unit<?> targetUnit) {
        if (targetUnit.equals(unit)) {
            return this;
        }
        if (!unit.isCompatible(targetUnit)) {
            return null;
        }
        Unit<T> target = (Unit<T>) targetUnit;
        UnitConverter converter = unit.getConverterTo(target);
        Number converted = converter.convert(value);
        BigDecimal result = converted instanceof BigDecimal bd ? bd : new BigDecimal(converted.toString());
        return new QuantityType<>(result, target);
    }

    public BigDecimal toBigDecimal() {
        return value;
    }

    @Override
    public int compareTo(QuantityType<T> o) {
        QuantityType<T> other = o.toUnit(unit);
        if (other == null) {
            throw new IllegalArgumentException("Cannot compare " + this + " with " + o);
        }
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (!(obj instanceof QuantityType<?> other) || !unit.isCompatible(other.unit)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        QuantityType<T> same = (QuantityType<T>) other;
        return compareTo(same) == 0;
    }

    @Override
    public int hashCode() {
        QuantityType<T> system = toUnit(unit.getSystemUnit());
        BigDecimal v = system != null ? system.value : value;
        return unit.getSystemUnit().hashCode() * 31 + v.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        return value.toPlainString() + " " + unit;
    }

    @Override
    public String format(String pattern) {
        return String.format(pattern.replace("%unit%", unit.toString()), value);
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public float floatValue() {
        return value.floatValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }
}
