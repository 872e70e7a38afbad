package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * Turns battery-system readings into the household's {@link VehicleStatus}. The car has no range PID, so the range is
 * estimated from the state of charge, the usable capacity and the average consumption. A car that answers is at home:
 * the Bluetooth adapter is only reachable from the house.
 */
@NonNullByDefault
public class IoniqStatusMapper {

    /** The displayed state of charge briefly reads 0 on some cars; evDash ignores it above this BMS value. */
    private static final double SPURIOUS_ZERO_GUARD_PERCENT = 5;

    private final String vehicleName;
    private final double usableCapacityKwh;
    private final double consumptionKwhPer100Km;

    public IoniqStatusMapper(String vehicleName, double usableCapacityKwh, double consumptionKwhPer100Km) {
        this.vehicleName = vehicleName;
        this.usableCapacityKwh = usableCapacityKwh;
        this.consumptionKwhPer100Km = consumptionKwhPer100Km;
    }

    public VehicleStatus toStatus(BmsBatteryData battery, @Nullable BmsHealthData health, Instant readAt) {
        return toStatus(battery, batteryPercent(battery, health), readAt);
    }

    /** The status with {@code soc} as the state of charge shown (e.g. an estimate of the displayed one). */
    public VehicleStatus toStatus(BmsBatteryData battery, double soc, Instant readAt) {
        boolean charging = battery.charging();
        return new VehicleStatus(vehicleName, soc, estimateRangeKm(soc), charging, charging ? Boolean.TRUE : null,
                Location.HOME, readAt, false, charging ? round(-battery.powerKw(), 100) : 0.0, null, null, null,
                DataSource.OBD, false, chargingState(battery), true);
    }

    /** The state of charge the dashboard shows; the BMS's own value when that is missing or implausible. */
    static double batteryPercent(BmsBatteryData battery, @Nullable BmsHealthData health) {
        if (health == null) {
            return battery.socPercent();
        }
        if (health.displaySocPercent() == 0 && battery.socPercent() > SPURIOUS_ZERO_GUARD_PERCENT) {
            return battery.socPercent();
        }
        return health.displaySocPercent();
    }

    /** Range in km: state of charge × usable capacity ÷ consumption per 100 km. */
    public double estimateRangeKm(double socPercent) {
        return round(socPercent / 100.0 * usableCapacityKwh / consumptionKwhPer100Km * 100.0, 10);
    }

    private static String chargingState(BmsBatteryData battery) {
        if (battery.charging()) {
            return "Charging";
        }
        return battery.atStandstill() ? "NotCharging" : "Driving";
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
