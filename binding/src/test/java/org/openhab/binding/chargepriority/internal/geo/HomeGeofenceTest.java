package org.openhab.binding.chargepriority.internal.geo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.model.Location;

/**
 * Home or away, with a hysteresis band so a car parked at the edge of the home radius does not flap.
 */
@NonNullByDefault
class HomeGeofenceTest {

    private static final double HOME_LAT = 59.93400;
    private static final double HOME_LON = 10.71700;
    /** Radius 100 m, band 20 m: a HOME car leaves beyond 120 m, an AWAY car arrives within 80 m. */
    private final HomeGeofence fence = new HomeGeofence(HOME_LAT, HOME_LON, 100, 20);

    /** Latitude of a point {@code meters} due north of home. */
    private static double north(double meters) {
        return HOME_LAT + Math.toDegrees(meters / GeoPoint.EARTH_RADIUS_METERS);
    }

    private Location at(String car, double metersNorth) {
        return fence.locate(car, north(metersNorth), HOME_LON);
    }

    @Test
    void theTestPositionsAreWhereTheySayTheyAre() {
        assertEquals(110, fence.distanceMeters(north(110), HOME_LON), 0.01);
    }

    @Test
    void insideIsHomeAndOutsideIsAway() {
        assertEquals(Location.HOME, at("tesla", 10));
        assertEquals(Location.AWAY, at("ioniq", 2_500));
    }

    @Test
    void aFirstPositionExactlyOnTheRadiusCountsAsHome() {
        assertEquals(Location.HOME, at("tesla", 99.99));
        assertEquals(Location.AWAY, at("ioniq", 100.5));
    }

    @Test
    void aCarWobblingAroundTheRadiusDoesNotFlap() {
        List<Location> seen = new ArrayList<>();
        at("tesla", 60);
        for (double d : new double[] { 95, 105, 98, 112, 101, 118, 99 }) {
            seen.add(at("tesla", d));
        }
        assertTrue(seen.stream().allMatch(l -> l == Location.HOME), seen.toString());

        assertEquals(Location.AWAY, at("tesla", 125), "leaving beyond radius + band");
        seen.clear();
        for (double d : new double[] { 110, 95, 85, 101, 81 }) {
            seen.add(at("tesla", d));
        }
        assertTrue(seen.stream().allMatch(l -> l == Location.AWAY), seen.toString());
        assertEquals(Location.HOME, at("tesla", 75), "arriving within radius - band");
    }

    @Test
    void eachCarHasItsOwnHistory() {
        at("tesla", 10);
        at("ioniq", 500);

        assertEquals(Location.HOME, at("tesla", 110), "tesla was home: stays home inside the band");
        assertEquals(Location.AWAY, at("ioniq", 90), "ioniq was away: needs to come within 80 m");
    }

    @Test
    void anUnknownPositionIsUnknownNeverHomeAndForgetsNothing() {
        at("tesla", 10);

        assertEquals(Location.UNKNOWN, fence.locate("tesla", null, HOME_LON));
        assertEquals(Location.UNKNOWN, fence.locate("tesla", null, null));
        assertEquals(Location.UNKNOWN, fence.locate("ioniq", 95.0, HOME_LON));
        assertEquals(Location.HOME, at("tesla", 110), "still remembered as home");
    }

    @Test
    void aBandAsWideAsTheRadiusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HomeGeofence(HOME_LAT, HOME_LON, 50, 50));
        assertThrows(IllegalArgumentException.class, () -> new HomeGeofence(HOME_LAT, HOME_LON, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HomeGeofence(HOME_LAT, HOME_LON, 100, -1));
    }
}
