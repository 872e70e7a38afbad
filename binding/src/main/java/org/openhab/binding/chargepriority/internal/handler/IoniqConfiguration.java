package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.range;
import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.required;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The configuration of an {@code ioniq} Thing, as in {@code OH-INF/thing/vehicles.xml}. Field defaults are the XML
 * defaults.
 */
@NonNullByDefault
public class IoniqConfiguration {

    public boolean mockMode = true;
    public String serialPort = "";
    public int baudRate = 38400;
    public double batteryCapacity = 74;
    public double consumption = 18;
    public int probeInterval = 10;
    public double lowVoltage = 12.2;
    public double awakeVoltage = 13.0;
    /** Departures for the night plan (read by VehicleSetup.departure). */
    public String departures = "";
    public @Nullable Integer targetCharge;

    /**
     * @throws InvalidConfigurationException naming the first parameter that is wrong; the serial port is required only
     *             in real mode
     */
    public void validate() throws InvalidConfigurationException {
        range("baudRate", baudRate, 9600, 921600);
        range("batteryCapacity", batteryCapacity, 20, 150);
        range("consumption", consumption, 5, 50);
        range("probeInterval", probeInterval, 1, 60);
        range("lowVoltage", lowVoltage, 11, 13.5);
        // above the low limit, so a car can leave the low-voltage pause
        range("awakeVoltage", awakeVoltage, Math.max(12.5, lowVoltage + 0.1), 15);
        if (!mockMode) {
            required("serialPort", serialPort);
        }
    }
}
