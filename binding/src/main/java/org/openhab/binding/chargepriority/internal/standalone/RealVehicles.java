package org.openhab.binding.chargepriority.internal.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.geo.GeoEnricher;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.geo.NominatimGeocoder;
import org.openhab.binding.chargepriority.internal.geo.NominatimSettings;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaAccounts;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

/**
 * Builds the real car sources and the location enricher from the standalone configuration's {@code tesla.*},
 * {@code ioniq.*}, {@code car.<id>.*}, {@code home*} and {@code geocoding.*} keys. A car without its connection
 * settings has no real source: it can only run simulated.
 * <p>
 * Every Tesla, the built-in one ({@code tesla.*}) and each declared {@code car.<id>.kind=tesla} with a
 * {@code car.<id>.vin}, is read through the one Fleet API sign-in of {@code tesla.clientId}, {@code tesla.region} and
 * the sign-in addresses: a {@link TeslaAccounts} account {@code standalone-<region>}, with one token file
 * ({@code <dataDir>/tesla/tesla-tokens-standalone-<region>.json}) and one token renewal for all of them. Each Tesla is
 * read by its own VIN and counts its own Fleet API calls ({@code fleet-api-usage-<id>.json}). The single token file of
 * earlier versions ({@code tesla-tokens.json}) and its call counts are taken over by the built-in Tesla's account, so
 * nobody signs in again after an upgrade.
 */
@NonNullByDefault
final class RealVehicles {

    private final Path teslaDir;
    /** The Tesla sign-ins; replaced when the {@code tesla.*} keys change (see {@link #newSignIn()}). */
    private volatile TeslaAccounts accounts;

    RealVehicles(Path dataDir) {
        this.teslaDir = dataDir.resolve("tesla");
        this.accounts = new TeslaAccounts(teslaDir);
    }

    /** The account of the standalone runtime's Teslas in one region. */
    static String teslaAccountId(TeslaRegion region) {
        return "standalone-" + region.name();
    }

    /**
     * The real sources of the built-in cars and of the declared cars of kind tesla or ioniq, by car id; the built-in
     * Tesla is opened first, so it takes over the login of an earlier version.
     *
     * @param names the display names by car id (a declared car's real source reports under its name)
     * @throws InvalidSettingException naming the key that is wrong (nothing stays open then)
     */
    Map<String, VehicleService> create(StandaloneConfig config, Clock clock,
            List<StandaloneConfig.SimulatedCar> declared, Map<String, String> names) {
        Map<String, VehicleService> real = new LinkedHashMap<>();
        try {
            VehicleService tesla = tesla(config, clock);
            if (tesla != null) {
                real.put(VehicleKind.TESLA.id(), tesla);
            }
            VehicleService ioniq = IoniqFromConfig.create(config);
            if (ioniq != null) {
                real.put(VehicleKind.IONIQ.id(), ioniq);
            }
            for (StandaloneConfig.SimulatedCar car : declared) {
                if (!car.real()) {
                    continue;
                }
                String name = names.getOrDefault(car.id(), car.id());
                VehicleService service = car.kind() == VehicleKind.TESLA ? tesla(config, clock, car.id(), name)
                        : IoniqFromConfig.create(config, "car." + car.id() + ".", name);
                if (service != null) {
                    real.put(car.id(), service);
                }
            }
            return real;
        } catch (RuntimeException e) {
            real.values().forEach(VehicleService::close);
            throw e;
        }
    }

    /**
     * Lets the Teslas opened from now on sign in afresh, with the {@code tesla.*} keys as they are then: the running
     * ones keep the old sign-in until they are closed. Called when a {@code tesla.*} key changed, before every Tesla is
     * opened again (an account open with the old client would refuse a Tesla of the new one).
     */
    void newSignIn() {
        accounts = new TeslaAccounts(teslaDir);
    }

    /** The built-in Tesla ({@code tesla.*}), or null without {@code tesla.clientId} and {@code tesla.vin}. */
    @Nullable
    VehicleService tesla(StandaloneConfig config, Clock clock) {
        if (config.string("tesla.vin") == null) {
            return null;
        }
        TeslaConfig.Builder b = signIn(config);
        if (b == null) {
            return null;
        }
        TeslaConfig tesla = b.vin(config.string("tesla.vin")).name(config.string("tesla.name"))
                .monthlyBudgetUsd(config.number("tesla.monthlyBudgetUsd", 10.0))
                .usageFile(teslaDir.resolve(usageFileName(VehicleKind.TESLA.id()))).build();
        return open(tesla, clock);
    }

    /**
     * A declared Tesla ({@code car.<id>.kind=tesla}): its own {@code car.<id>.vin} and
     * {@code car.<id>.monthlyBudgetUsd}, the sign-in of {@code tesla.*}; null without a VIN or without
     * {@code tesla.clientId}.
     *
     * @throws InvalidSettingException naming the key that is wrong
     */
    @Nullable
    VehicleService tesla(StandaloneConfig config, Clock clock, String id, String name) {
        String p = "car." + id + ".";
        String vin = config.string(p + "vin");
        TeslaConfig.Builder b = signIn(config);
        if (vin == null || b == null) {
            return null;
        }
        TeslaConfig tesla;
        try {
            tesla = b.vin(vin).name(name).monthlyBudgetUsd(config.number(p + "monthlyBudgetUsd", 10.0))
                    .usageFile(teslaDir.resolve(usageFileName(id))).build();
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidSettingException) {
                throw e;
            }
            String message = String.valueOf(e.getMessage());
            String key = message.startsWith("vin") ? p + "vin"
                    : message.startsWith("monthlyBudgetUsd") ? p + "monthlyBudgetUsd"
                            : "tesla." + message.replaceFirst("\\s.*", "");
            throw new InvalidSettingException(key, key + ": " + message);
        }
        return open(tesla, clock);
    }

    /** Where a Tesla counts its Fleet API calls of the month, in the token folder. */
    static String usageFileName(String vehicleId) {
        return "fleet-api-usage-" + vehicleId + ".json";
    }

    /** The account's part of a Tesla's configuration, from {@code tesla.*}; null without {@code tesla.clientId}. */
    private TeslaConfig.@Nullable Builder signIn(StandaloneConfig config) {
        String clientId = config.string("tesla.clientId");
        if (clientId == null) {
            return null;
        }
        return TeslaConfig.builder().clientId(clientId).clientSecret(config.string("tesla.clientSecret"))
                .region(TeslaRegion.parse(config.string("tesla.region", "EU")))
                .authorizeUrl(config.string("tesla.authorizeUrl")).tokenUrl(config.string("tesla.tokenUrl"))
                .apiBaseUrl(config.string("tesla.apiBaseUrl")).tokenDir(teslaDir);
    }

    private VehicleService open(TeslaConfig tesla, Clock clock) {
        // The geofence is applied by the household's enricher, for every car with a position.
        return accounts.open(teslaAccountId(tesla.region()), tesla, clock, null);
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
