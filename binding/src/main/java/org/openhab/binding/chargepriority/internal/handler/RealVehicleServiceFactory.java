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
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaConfig;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaRegion;

/**
 * Opens the real Tesla Fleet API and Ioniq OBD sources from the Things' configuration. Tesla's tokens live in
 * {@code <userdata>/chargepriority/tesla/} (0700). Nothing here touches the network or the serial port: the services
 * connect on their first read, on the bridge's scheduler.
 */
@NonNullByDefault
final class RealVehicleServiceFactory implements VehicleServiceFactory {

    private final Path dataDir;
    private final Supplier<Clock> clock;

    RealVehicleServiceFactory(Path dataDir, Supplier<Clock> clock) {
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public @Nullable VehicleService createTesla(TeslaConfiguration c) {
        TeslaConfig config = TeslaConfig.builder().clientId(c.clientId).clientSecret(c.clientSecret)
                .region(TeslaRegion.parse(c.region)).vin(c.vin).authorizeUrl(url(c.authorizeHost, "/oauth2/v3/authorize"))
                .tokenUrl(url(c.tokenHost, "/oauth2/v3/token")).apiBaseUrl(blankToNull(c.apiHost))
                .tokenDir(dataDir.resolve("tesla")).build();
        // Home/away comes from the household's geofence, applied to every car that reports a position.
        return TeslaFleetService.create(config, clock.get(), null);
    }

    @Override
    public @Nullable VehicleService createIoniq(IoniqConfiguration c) {
        return new IoniqObdService(IoniqObdConfig.builder(c.serialPort).baudRate(c.baudRate)
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
