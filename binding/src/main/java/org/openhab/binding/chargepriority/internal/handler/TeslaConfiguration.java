package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.baseAddress;
import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.required;

import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The configuration of a {@code tesla} Thing, as in {@code OH-INF/thing/vehicles.xml}. Field defaults are the XML
 * defaults.
 */
@NonNullByDefault
public class TeslaConfiguration {

    public static final String VIN = "vin";
    private static final Set<String> REGIONS = Set.of("EU", "NA", "CN");
    /** 17 characters, no I, O or Q (ISO 3779). */
    private static final Pattern VIN_PATTERN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    public boolean mockMode = true;
    public String clientId = "";
    public String clientSecret = "";
    public String region = "EU";
    public String vin = "";
    /** Empty: Tesla's login page of the region. */
    public String authorizeHost = "";
    /** Empty: Tesla's token endpoint of the region. */
    public String tokenHost = "";
    /** Empty: the Fleet API address of the region. */
    public String apiHost = "";
    /** Departures for the night plan (read by VehicleSetup.departure). */
    public String departures = "";
    public @Nullable Integer targetCharge;
    /** Null: what the car's own data shows, else 75 kWh (read by VehicleSetup.departure). */
    public @Nullable Double batteryCapacity;

    /**
     * @throws InvalidConfigurationException naming the first parameter that is wrong; the connection is required
     *             only in real mode
     */
    public void validate() throws InvalidConfigurationException {
        if (!REGIONS.contains(region)) {
            throw new InvalidConfigurationException("offline.conf-error-region", region);
        }
        if (!vin.isEmpty() && !VIN_PATTERN.matcher(vin).matches()) {
            throw new InvalidConfigurationException("offline.conf-error-vin", vin);
        }
        if (!authorizeHost.isBlank()) {
            baseAddress("authorizeHost", authorizeHost);
        }
        if (!tokenHost.isBlank()) {
            baseAddress("tokenHost", tokenHost);
        }
        if (!apiHost.isBlank()) {
            baseAddress("apiHost", apiHost);
        }
        if (!mockMode) {
            required("clientId", clientId);
            required("clientSecret", clientSecret);
            required("vin", vin);
        }
    }
}
