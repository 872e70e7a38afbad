package org.openhab.binding.chargepriority.internal.geo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.Location;

/**
 * Decides HOME or AWAY from a position, with a hysteresis band so a car parked near the edge does not flap between
 * the two on GPS noise.
 * <p>
 * The rule, per vehicle, with distance {@code d} from home, radius {@code r} and band {@code b}:
 * <ul>
 * <li>first position seen: HOME when {@code d <= r}, else AWAY;</li>
 * <li>was HOME: stays HOME while {@code d <= r + b}, AWAY beyond;</li>
 * <li>was AWAY: becomes HOME only when {@code d <= r - b}.</li>
 * </ul>
 * No position gives UNKNOWN (never HOME) and leaves the remembered state as it was.
 */
@NonNullByDefault
public final class HomeGeofence {

    public static final double DEFAULT_HYSTERESIS_METERS = 50;

    private final GeoPoint home;
    private final double radiusMeters;
    private final double hysteresisMeters;
    private final Map<String, Location> previous = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the position is invalid, the radius not positive, or the band negative or
     *             not smaller than the radius
     */
    public HomeGeofence(double homeLatitude, double homeLongitude, double radiusMeters, double hysteresisMeters) {
        this(new GeoPoint(homeLatitude, homeLongitude), radiusMeters, hysteresisMeters);
    }

    public HomeGeofence(GeoPoint home, double radiusMeters, double hysteresisMeters) {
        if (!(radiusMeters > 0) || Double.isInfinite(radiusMeters)) {
            throw new IllegalArgumentException("The home radius must be more than 0 m, was " + radiusMeters);
        }
        if (!(hysteresisMeters >= 0) || hysteresisMeters >= radiusMeters) {
            throw new IllegalArgumentException("The hysteresis band must be 0 m or more and smaller than the radius ("
                    + radiusMeters + " m), was " + hysteresisMeters);
        }
        this.home = home;
        this.radiusMeters = radiusMeters;
        this.hysteresisMeters = hysteresisMeters;
    }

    public Location locate(String vehicleId, @Nullable Double latitude, @Nullable Double longitude) {
        if (latitude == null || longitude == null || !GeoPoint.isValid(latitude, longitude)) {
            return Location.UNKNOWN;
        }
        double d = distanceMeters(latitude, longitude);
        Location before = previous.get(vehicleId);
        double limit;
        if (before == Location.HOME) {
            limit = radiusMeters + hysteresisMeters;
        } else if (before == Location.AWAY) {
            limit = radiusMeters - hysteresisMeters;
        } else {
            limit = radiusMeters;
        }
        Location now = d <= limit ? Location.HOME : Location.AWAY;
        previous.put(vehicleId, now);
        return now;
    }

    public double distanceMeters(double latitude, double longitude) {
        return home.distanceMeters(new GeoPoint(latitude, longitude));
    }

    /** Forgets a vehicle's previous state, e.g. when its Thing is removed. */
    public void forget(String vehicleId) {
        previous.remove(vehicleId);
    }

    public GeoPoint home() {
        return home;
    }

    public double radiusMeters() {
        return radiusMeters;
    }

    public double hysteresisMeters() {
        return hysteresisMeters;
    }
}
