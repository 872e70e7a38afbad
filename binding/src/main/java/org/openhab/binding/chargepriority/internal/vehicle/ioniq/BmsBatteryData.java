package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * What the battery management system reports in its {@code 22 01 01} reply.
 *
 * @param socPercent the BMS's own state of charge (not the one the dashboard shows)
 * @param packVoltageV high-voltage battery voltage
 * @param packCurrentA high-voltage battery current; positive while discharging, negative while charging or
 *            recuperating
 * @param auxVoltageV the 12 V battery's voltage as the BMS measures it
 * @param cumulativeChargedKwh energy put into the battery over its life
 * @param cumulativeDischargedKwh energy taken out of the battery over its life
 * @param motor1Rpm front or only motor speed
 * @param motor2Rpm second motor speed (0 on single-motor cars)
 * @param bmsRelayOn status bit "BMS relay" (byte 9, bit 0)
 * @param bmsIgnitionOn status bit "BMS ignition" (byte 50, bit 2)
 */
@NonNullByDefault
public record BmsBatteryData(double socPercent, double packVoltageV, double packCurrentA, double auxVoltageV,
        double cumulativeChargedKwh, double cumulativeDischargedKwh, int motor1Rpm, int motor2Rpm,
        boolean bmsRelayOn, boolean bmsIgnitionOn) {

    /** Below this current (negative: into the battery) a standing car counts as charging; above it is noise. */
    static final double CHARGING_CURRENT_A = -1.0;

    /** Battery power in kW, negative while charging. */
    public double powerKw() {
        return packVoltageV * packCurrentA / 1000.0;
    }

    /** Neither motor turns. */
    public boolean atStandstill() {
        return motor1Rpm == 0 && motor2Rpm == 0;
    }

    /**
     * Energy flows into the battery of a car that stands still. The E-GMP status bits have no agreed charging flag,
     * so this uses the fallback that holds on every car; the motor check keeps recuperation from counting.
     */
    public boolean charging() {
        return packCurrentA <= CHARGING_CURRENT_A && atStandstill();
    }
}
