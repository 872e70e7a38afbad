package org.openhab.binding.chargepriority.internal.handler;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdConfig;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaAccounts;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

/**
 * Opens the real Tesla Fleet API and Ioniq OBD sources from the Things' configuration. Nothing here touches the
 * network or the serial port: the services connect on their first read, on the bridge's scheduler.
 * <p>
 * A Tesla account is a household bridge and a region: the Teslas of one bridge in one region share one sign-in, one
 * token file ({@code <userdata>/chargepriority/tesla/tesla-tokens-<bridge>-<region>.json}, 0600 in a 0700 folder) and
 * one token renewal; each car is read by its own VIN and counts its own Fleet API calls
 * ({@code fleet-api-usage-<bridge>-<thing>.json}).
 */
@NonNullByDefault
final class RealVehicleServiceFactory implements VehicleServiceFactory {

    private final Path teslaDir;
    private final Supplier<Clock> clock;
    private final TeslaAccounts accounts;

    RealVehicleServiceFactory(Path dataDir, Supplier<Clock> clock) {
        this.teslaDir = dataDir.resolve("tesla");
        this.clock = clock;
        this.accounts = new TeslaAccounts(teslaDir);
    }

    /** The account of the Teslas of one bridge in one region. */
    static String teslaAccountId(String bridgeId, TeslaRegion region) {
        return bridgeId + "-" + region.name();
    }

    TeslaAccounts teslaAccounts() {
        return accounts;
    }

    @Override
    public @Nullable VehicleService createTesla(Car car, TeslaConfiguration c) {
        TeslaRegion region = TeslaRegion.parse(c.region);
        TeslaConfig config = TeslaConfig.builder().clientId(c.clientId).clientSecret(c.clientSecret).region(region)
                .vin(c.vin).name(car.name()).authorizeUrl(url(c.authorizeHost, "/oauth2/v3/authorize"))
                .tokenUrl(url(c.tokenHost, "/oauth2/v3/token")).apiBaseUrl(blankToNull(c.apiHost))
                .tokenDir(teslaDir)
                .usageFile(teslaDir.resolve("fleet-api-usage-" + car.bridgeId() + "-" + car.vehicleId() + ".json"))
                .build();
        // Home/away comes from the household's geofence, applied to every car that reports a position.
        return accounts.open(teslaAccountId(car.bridgeId(), region), config, clock.get(), null);
    }

    @Override
    public @Nullable VehicleService createIoniq(Car car, IoniqConfiguration c) {
        return new IoniqObdService(IoniqObdConfig.builder(c.serialPort).vehicleName(car.name()).baudRate(c.baudRate)
                .usableCapacityKwh(c.batteryCapacity).consumptionKwhPer100Km(c.consumption)
                .probeInterval(Duration.ofMinutes(c.probeInterval)).lowVoltageLimit(c.lowVoltage)
                .awakeVoltage(c.awakeVoltage).build());
    }

    private static @Nullable String url(String host, String path) {
        String h = host.trim();
        if (h.isEmpty()) {
            return null;
        }
        return (h.endsWith("/") ? h.substring(0, h.length() - 1) : h) + path;
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s.trim();
    }
}
