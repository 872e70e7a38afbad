package org.openhab.core.library.types;

import java.math.BigDecimal;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.core.types.Command;
import org.openhab.core.types.ComplexType;
import org.openhab.core.types.PrimitiveType;
import org.openhab.core.types.State;

/**
 * Stand-in for openHAB 4.3's {@code PointType}: WGS84 latitude and longitude, altitude 0.
 */
@NonNullByDefault
public class PointType implements ComplexType, Command, State {

    private final BigDecimal latitude;
    private final BigDecimal longitude;
    private final BigDecimal altitude = BigDecimal.ZERO;

    public PointType(DecimalType latitude, DecimalType longitude) {
        this.latitude = latitude.toBigDecimal();
        this.longitude = longitude.toBigDecimal();
    }

    public DecimalType getLatitude() {
        return new DecimalType(latitude);
    }

    public DecimalType getLongitude() {
        return new DecimalType(longitude);
    }

    @Override
    public SortedMap<String, PrimitiveType> getConstituents() {
        SortedMap<String, PrimitiveType> result = new TreeMap<>();
        result.put("lat", getLatitude());
        result.put("long", getLongitude());
        result.put("alt", new DecimalType(altitude));
        return result;
    }

    @Override
    public String format(String pattern) {
        return String.format(pattern, latitude, longitude, altitude);
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        return latitude.toPlainString() + "," + longitude.toPlainString() + "," + altitude.toPlainString();
    }

    @Override
    public int hashCode() {
        return latitude.stripTrailingZeros().hashCode() * 31 + longitude.stripTrailingZeros().hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof PointType other && latitude.compareTo(other.latitude) == 0
                && longitude.compareTo(other.longitude) == 0 && altitude.compareTo(other.altitude) == 0;
    }
}
