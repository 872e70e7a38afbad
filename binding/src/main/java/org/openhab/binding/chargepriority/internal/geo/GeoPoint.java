package org.openhab.binding.chargepriority.internal.geo;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A WGS84 position.
 *
 * @param latitude degrees, -90 to 90
 * @param longitude degrees, -180 to 180
 */
@NonNullByDefault
public record GeoPoint(double latitude, double longitude) {

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    public GeoPoint {
        if (!isValid(latitude, longitude)) {
            throw new IllegalArgumentException("Not a WGS84 position: " + latitude + ", " + longitude);
        }
    }

    public static boolean isValid(double latitude, double longitude) {
        return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180;
    }

    /** Great-circle distance by the haversine formula, in metres. */
    public double distanceMeters(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
