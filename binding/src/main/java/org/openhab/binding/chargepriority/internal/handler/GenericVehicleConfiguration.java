package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ConfigurationChecks.range;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.pushed.PushedVehicle;

/**
 * Configuration of the {@code vehicle} Thing: any car whose values openHAB items give the binding.
 */
@NonNullByDefault
public class GenericVehicleConfiguration {

    public String name = "";
    public double batteryCapacity = 60;
    public double consumption = 18;
    public int maxAge = 60;
    /** Departures for the night plan (read by VehicleSetup.departure). */
    public String departures = "";
    public @Nullable Integer targetCharge;

    /** @throws InvalidConfigurationException naming the first parameter that is wrong */
    public void validate() throws InvalidConfigurationException {
        range("batteryCapacity", batteryCapacity, 10, 250);
        range("consumption", consumption, 5, 50);
        range("maxAge", maxAge, 1, 10080);
    }

    /** The car's settings; without a name of its own it takes the Thing's label. */
    public PushedVehicle.Settings settings(String label) {
        String n = name.isBlank() ? label : name.trim();
        return new PushedVehicle.Settings(n.isBlank() ? "Car" : n, batteryCapacity, consumption,
                Duration.ofMinutes(maxAge));
    }
}
