package org.openhab.binding.chargepriority.internal.standalone;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdConfig;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdService;

/**
 * Builds the Ioniq's OBD source from the {@code ioniq.*} keys; without {@code ioniq.serialPort} there is none.
 */
@NonNullByDefault
final class IoniqFromConfig {

    private IoniqFromConfig() {
    }

    static @Nullable VehicleService create(StandaloneConfig config) {
        String port = config.string("ioniq.serialPort");
        if (port == null) {
            return null;
        }
        IoniqObdConfig.Builder b = IoniqObdConfig.builder(port).baudRate(config.integer("ioniq.baudRate", 38400))
                .usableCapacityKwh(config.number("ioniq.batteryCapacity", 74.0))
                .consumptionKwhPer100Km(config.number("ioniq.consumption", 18.0))
                .probeInterval(Duration.ofMinutes(config.integer("ioniq.probeIntervalMinutes", 10)))
                .lowVoltageLimit(config.number("ioniq.lowVoltage", 12.2))
                .awakeVoltage(config.number("ioniq.awakeVoltage", 13.0));
        String name = config.string("ioniq.name");
        if (name != null) {
            b.vehicleName(name);
        }
        return new IoniqObdService(b.build());
    }
}
