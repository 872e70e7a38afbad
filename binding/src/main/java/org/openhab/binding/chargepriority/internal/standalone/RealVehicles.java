package org.openhab.binding.chargepriority.internal.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.geo.GeoEnricher;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.geo.NominatimGeocoder;
import org.openhab.binding.chargepriority.internal.geo.NominatimSettings;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

/**
 * Builds the real car sources and the location enricher from the standalone configuration's {@code tesla.*},
 * {@code ioniq.*}, {@code home*} and {@code geocoding.*} keys. A car without its connection settings has no real
 * source: it can only run simulated.
 */
@NonNullByDefault
final class RealVehicles {

    private RealVehicles() {
    }

    static Map<String, VehicleService> create(StandaloneConfig config, Clock clock) {
        Map<String, VehicleService> real = new LinkedHashMap<>();
        VehicleService tesla = tesla(config, clock);
        if (tesla != null) {
            real.put(tesla.id(), tesla);
        }
        VehicleService ioniq = IoniqFromConfig.create(config, clock);
        if (ioniq != null) {
            real.put(ioniq.id(), ioniq);
        }
        return real;
    }

    static @Nullable VehicleService tesla(StandaloneConfig config, Clock clock) {
        String clientId = config.string("tesla.clientId");
        String vin = config.string("tesla.vin");
        if (clientId == null || vin == null) {
            return null;
        }
        Path dir = config.dataDir().resolve("tesla");
        TeslaConfig tesla = TeslaConfig.builder().clientId(clientId).clientSecret(config.string("tesla.clientSecret"))
                .region(TeslaRegion.parse(config.string("tesla.region", "EU"))).vin(vin)
                .name(config.string("tesla.name")).authorizeUrl(config.string("tesla.authorizeUrl"))
                .tokenUrl(config.string("tesla.tokenUrl")).apiBaseUrl(config.string("tesla.apiBaseUrl"))
                .tokenDir(dir).monthlyBudgetUsd(config.number("tesla.monthlyBudgetUsd", 10.0)).build();
        // The geofence is applied by the household's enricher, for every car with a position.
        return TeslaFleetService.create(tesla, clock, null);
    }

    static HomeGeofence geofence(StandaloneConfig config) {
        return new HomeGeofence(config.homeLatitude(), config.homeLongitude(),
                config.number("homeRadiusMeters", 150), HomeGeofence.DEFAULT_HYSTERESIS_METERS);
    }

    static StatusEnricher enricher(StandaloneConfig config, Clock clock) {
        NominatimSettings settings = NominatimSettings.defaults()
                .withEnabled(config.bool("geocoding.enabled", true));
        String baseUrl = config.string("geocoding.baseUrl");
        if (baseUrl != null) {
            settings = settings.withBaseUrl(URI.create(baseUrl));
        }
        String userAgent = config.string("geocoding.userAgent");
        if (userAgent != null) {
            settings = settings.withUserAgent(userAgent);
        }
        GeoEnricher geo = new GeoEnricher(geofence(config), new NominatimGeocoder(settings, clock));
        return geo::enrich;
    }
}
