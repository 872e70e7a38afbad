package org.openhab.binding.chargepriority.internal.geo;

import static org.junit.jupiter.api.Assertions.*;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Haversine distances, checked against known values.
 */
@NonNullByDefault
class GeoPointTest {

    @Test
    void oneDegreeAlongTheEquatorIsAbout111Kilometres() {
        assertEquals(111_195, new GeoPoint(0, 0).distanceMeters(new GeoPoint(0, 1)), 1);
    }

    @Test
    void osloCentralStationToBergenStationIsAbout305Kilometres() {
        GeoPoint oslo = new GeoPoint(59.91095, 10.75292);
        GeoPoint bergen = new GeoPoint(60.39013, 5.33343);

        assertEquals(305_000, oslo.distanceMeters(bergen), 2_000);
        assertEquals(oslo.distanceMeters(bergen), bergen.distanceMeters(oslo), 1e-6);
    }

    @Test
    void impossibleCoordinatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GeoPoint(91.3, 10));
        assertThrows(IllegalArgumentException.class, () -> new GeoPoint(59, Double.NaN));
    }
}
