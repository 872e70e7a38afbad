package org.openhab.binding.chargepriority.internal.standalone;

import java.time.Duration;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdConfig;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdService;

/**
 * Builds an Ioniq's OBD source from the {@code ioniq.*} keys (the built-in Ioniq) or the {@code car.<id>.*} keys of
 * a declared {@code kind=ioniq} car: {@code serialPort}, {@code baudRate}, {@code batteryCapacity},
 * {@code consumption}, {@code probeIntervalMinutes}, {@code lowVoltage}, {@code awakeVoltage}. Without a
 * {@code serialPort} there is none.
 */
@NonNullByDefault
final class IoniqFromConfig {

    /** The cfg keys of {@link IoniqObdConfig}'s values, as its messages name them. */
    private static final Map<String, String> KEYS = Map.of("serialPort", "serialPort", "baudRate", "baudRate",
            "vehicleName", "name", "usableCapacityKwh", "batteryCapacity", "consumptionKwhPer100Km", "consumption",
            "probeInterval", "probeIntervalMinutes", "lowVoltageLimit", "lowVoltage", "awakeVoltage", "awakeVoltage");

    private IoniqFromConfig() {
    }

    /** The built-in Ioniq, named by {@code ioniq.name} (default Hyundai Ioniq 5). */
    static @Nullable VehicleService create(StandaloneConfig config) {
        return create(config, "ioniq.", config.string("ioniq.name"));
    }

    /**
     * @param prefix {@code ioniq.} or {@code car.<id>.}
     * @param name the car's display name, or null for the default
     * @throws InvalidSettingException naming the key that is wrong
     */
    static @Nullable VehicleService create(StandaloneConfig config, String prefix, @Nullable String name) {
        String port = config.string(prefix + "serialPort");
        if (port == null) {
            return null;
        }
        IoniqObdConfig.Builder b = IoniqObdConfig.builder(port)
                .baudRate(config.integer(prefix + "baudRate", IoniqObdConfig.DEFAULT_BAUD_RATE))
                .usableCapacityKwh(
                        config.number(prefix + "batteryCapacity", IoniqObdConfig.DEFAULT_USABLE_CAPACITY_KWH))
                .consumptionKwhPer100Km(
                        config.number(prefix + "consumption", IoniqObdConfig.DEFAULT_CONSUMPTION_KWH_PER_100_KM))
                .probeInterval(Duration.ofMinutes(config.integer(prefix + "probeIntervalMinutes",
                        (int) IoniqObdConfig.DEFAULT_PROBE_INTERVAL.toMinutes())))
                .lowVoltageLimit(config.number(prefix + "lowVoltage", IoniqObdConfig.DEFAULT_LOW_VOLTAGE_LIMIT))
                .awakeVoltage(config.number(prefix + "awakeVoltage", IoniqObdConfig.DEFAULT_AWAKE_VOLTAGE));
        if (name != null) {
            b.vehicleName(name);
        }
        if (!prefix.startsWith("car.")) {
            return new IoniqObdService(b.build()); // the built-in Ioniq, as it always was
        }
        try {
            return new IoniqObdService(b.build());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String key = prefix + KEYS.getOrDefault(message.replaceFirst("\\s.*", ""), "serialPort");
            throw new InvalidSettingException(key, key + ": " + message);
        }
    }
}
