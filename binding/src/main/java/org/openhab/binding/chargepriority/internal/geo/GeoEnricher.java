package org.openhab.binding.chargepriority.internal.geo;

import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * Adds home/away and an address to a status that carries a position. The household calls it after each fetch.
 */
@NonNullByDefault
public final class GeoEnricher {

    private final @Nullable HomeGeofence geofence;
    private final @Nullable NominatimGeocoder geocoder;

    /**
     * @param geofence decides HOME/AWAY; null keeps the location the source reported
     * @param geocoder finds the address; null shows coordinates as the address
     */
    public GeoEnricher(@Nullable HomeGeofence geofence, @Nullable NominatimGeocoder geocoder) {
        this.geofence = geofence;
        this.geocoder = geocoder;
    }

    /**
     * @return the status with location and address set from its position; unchanged when it has no position
     */
    public VehicleStatus enrich(String vehicleId, VehicleStatus status) {
        Double latitude = status.latitude();
        Double longitude = status.longitude();
        if (latitude == null || longitude == null) {
            return status;
        }
        HomeGeofence fence = geofence;
        Location location = fence == null ? status.location() : fence.locate(vehicleId, latitude, longitude);
        NominatimGeocoder coder = geocoder;
        String address = coder == null ? formatCoordinates(latitude, longitude)
                : coder.reverse(vehicleId, latitude, longitude).orElseGet(() -> formatCoordinates(latitude, longitude));
        return status.withLocation(location).withAddress(address);
    }

    /** "59.91273, 10.74609": what is shown when no address is known. */
    public static String formatCoordinates(double latitude, double longitude) {
        return String.format(Locale.ROOT, "%.5f, %.5f", latitude, longitude);
    }
}
