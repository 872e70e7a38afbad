package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.range;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanRequest;
import org.openhab.binding.chargepriority.internal.core.plan.PlanSettings;
import org.openhab.binding.chargepriority.internal.price.CachedPrices;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.library.types.PointType;

/**
 * The configuration of the {@code household} bridge, as in {@code OH-INF/thing/household.xml}. Field defaults are the
 * XML defaults.
 */
@NonNullByDefault
public class HouseholdConfiguration {

    public static final String CHARGE_THRESHOLD = "chargeThreshold";
    public static final String MINIMUM_CHARGE = "minimumCharge";
    public static final String MINIMUM_RANGE = "minimumRange";
    public static final String HYSTERESIS = "hysteresis";
    public static final String UPDATE_INTERVAL = "updateInterval";
    public static final String RETENTION_DAYS = "retentionDays";

    public int chargeThreshold = HouseholdSettings.DEFAULT_THRESHOLD;
    public double minimumCharge = HouseholdSettings.DEFAULT_MINIMUM_CHARGE;
    public double minimumRange = HouseholdSettings.DEFAULT_MINIMUM_RANGE_KM;
    public double hysteresis = HouseholdSettings.DEFAULT_HYSTERESIS;
    public int updateInterval = HouseholdSettings.DEFAULT_INTERVAL_MINUTES;
    public int retentionDays = HouseholdSettings.DEFAULT_RETENTION_DAYS;
    public @Nullable Double homeLatitude;
    public @Nullable Double homeLongitude;
    public int homeRadius = 150;
    public boolean reverseGeocoding = true;
    public String historyFile = "";
    public String apiToken = "";
    public String allowedOrigins = "";
    public boolean planning = true;
    public double chargerPower = PlanSettings.DEFAULT_CHARGER_KW;
    public double chargingEfficiency = PlanRequest.DEFAULT_EFFICIENCY;
    public int maxSwaps = PlanRequest.DEFAULT_MAX_SWAPS;
    public boolean planByPrice = true;
    public String priceSource = CachedPrices.NONE;
    public String priceArea = "NO1";
    public String entsoeToken = "";

    /** Where the household is: configured, else openHAB's own location. */
    public record Home(double latitude, double longitude, int radiusMetres) {
    }

    /**
     * Checks every parameter that does not depend on openHAB's services.
     *
     * @throws InvalidConfigurationException naming the first parameter that is wrong
     */
    public void validate() throws InvalidConfigurationException {
        range(CHARGE_THRESHOLD, chargeThreshold, 50, 100);
        range(MINIMUM_CHARGE, minimumCharge, 0, 100);
        range(MINIMUM_RANGE, minimumRange, 0, 1000);
        range(HYSTERESIS, hysteresis, 0, 50);
        range(UPDATE_INTERVAL, updateInterval, 1, 1440);
        range(RETENTION_DAYS, retentionDays, 1, 3650);
        range("homeRadius", homeRadius, 10, 10000);
        range("chargerPower", chargerPower, 1, 350);
        range("chargingEfficiency", chargingEfficiency, 0.5, 1);
        range("maxSwaps", maxSwaps, 0, PlanRequest.MAX_SWAPS_LIMIT);
        try {
            CachedPrices.check(priceSource, priceArea, entsoeToken);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("offline.conf-error-price", String.valueOf(e.getMessage()));
        }
        Double lat = homeLatitude;
        Double lon = homeLongitude;
        if ((lat == null) != (lon == null)) {
            throw new InvalidConfigurationException("offline.conf-error-home-incomplete");
        }
        if (lat != null && lon != null) {
            range("homeLatitude", lat, -90, 90);
            range("homeLongitude", lon, -180, 180);
        }
        if (!apiToken.isEmpty() && apiToken.trim().length() < 16) {
            throw new InvalidConfigurationException("offline.conf-error-api-token");
        }
        origins();
        if (!historyFile.isBlank()) {
            try {
                Path.of(historyFile.trim());
            } catch (InvalidPathException e) {
                throw new InvalidConfigurationException("offline.conf-error-history-file", historyFile);
            }
        }
    }

    /**
     * @param openHabLocation openHAB's location (Settings → Regional Settings), or null when it is not set
     * @throws InvalidConfigurationException when neither this configuration nor openHAB knows where home is
     */
    /** True when the bridge has a home location of its own (else it uses openHAB's). */
    public boolean hasOwnHome() {
        return homeLatitude != null && homeLongitude != null;
    }

    public Home home(@Nullable PointType openHabLocation) throws InvalidConfigurationException {
        Double lat = homeLatitude;
        Double lon = homeLongitude;
        if (lat != null && lon != null) {
            return new Home(lat, lon, homeRadius);
        }
        if (openHabLocation == null) {
            throw new InvalidConfigurationException("offline.conf-error-no-home");
        }
        return new Home(openHabLocation.getLatitude().doubleValue(), openHabLocation.getLongitude().doubleValue(),
                homeRadius);
    }

    /** The history database: the configured file (relative to {@code userData}), else the default in userdata. */
    public Path historyPath(String userData) {
        Path base = Path.of(userData, "chargepriority");
        String configured = historyFile.trim();
        return configured.isEmpty() ? base.resolve("charging_manager.db") : Path.of(userData).resolve(configured);
    }

    /** The origins that may call the REST API and WebSocket besides openHAB's own, e.g. {@code https://a.b:8443}. */
    public List<String> origins() throws InvalidConfigurationException {
        if (allowedOrigins.isBlank()) {
            return List.of();
        }
        List<String> result = Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        for (String origin : result) {
            try {
                URI uri = new URI(origin);
                String scheme = uri.getScheme();
                if (scheme == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
                        || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                        || uri.getRawFragment() != null) {
                    throw new URISyntaxException(origin, "not an origin");
                }
            } catch (URISyntaxException e) {
                throw new InvalidConfigurationException("offline.conf-error-origin", origin);
            }
        }
        return result;
    }

    /** The planning settings; call {@link #validate()} first. */
    public PlanSettings planSettings(ZoneId zone) {
        return new PlanSettings(planning, chargerPower, chargingEfficiency, maxSwaps, planByPrice, zone);
    }

    /** Where the plan's prices come from; call {@link #validate()} first. */
    public PlanPrices.Provider prices(Clock clock) {
        return CachedPrices.create(priceSource, priceArea, entsoeToken, null, clock);
    }

    /** What identifies the price source: its id, area and token (compared, never shown). */
    public String pricesKey() {
        return priceSource.trim().toLowerCase(Locale.ROOT) + "|" + priceArea.trim().toUpperCase(Locale.ROOT) + "|"
                + entsoeToken.trim();
    }

    /** The decision settings; call {@link #validate()} first. */
    public HouseholdSettings settings(Map<String, Boolean> mockModes) {
        return new HouseholdSettings(chargeThreshold, updateInterval, minimumCharge, minimumRange, hysteresis,
                retentionDays, mockModes);
    }

    /**
     * Writes the decision settings that differ from a bridge configuration into it, so a change made at run time
     * survives a restart; parameters left at their default stay unset.
     */
    public static void store(HouseholdSettings settings, Configuration configuration) {
        HouseholdConfiguration current = configuration.as(HouseholdConfiguration.class);
        if (settings.chargeThreshold() != current.chargeThreshold) {
            configuration.put(CHARGE_THRESHOLD, BigDecimal.valueOf(settings.chargeThreshold()));
        }
        if (settings.minimumChargePercent() != current.minimumCharge) {
            configuration.put(MINIMUM_CHARGE, BigDecimal.valueOf(settings.minimumChargePercent()));
        }
        if (settings.minimumRangeKm() != current.minimumRange) {
            configuration.put(MINIMUM_RANGE, BigDecimal.valueOf(settings.minimumRangeKm()));
        }
        if (settings.hysteresisPoints() != current.hysteresis) {
            configuration.put(HYSTERESIS, BigDecimal.valueOf(settings.hysteresisPoints()));
        }
        if (settings.updateIntervalMinutes() != current.updateInterval) {
            configuration.put(UPDATE_INTERVAL, BigDecimal.valueOf(settings.updateIntervalMinutes()));
        }
        if (settings.retentionDays() != current.retentionDays) {
            configuration.put(RETENTION_DAYS, BigDecimal.valueOf(settings.retentionDays()));
        }
    }
}
