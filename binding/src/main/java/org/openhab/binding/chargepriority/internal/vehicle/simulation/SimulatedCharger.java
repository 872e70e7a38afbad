package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The household's one home charger in the simulation: at most one car is connected at a time. The simulated owner
 * follows the binding's advice, moving the cable to the priority car when it is at home — what an openHAB rule on
 * {@code priority#vehicle} would do with a smart charger.
 */
@NonNullByDefault
public class SimulatedCharger {

    private @Nullable String connected;
    /** The smart charger's switch ({@code priority#charge-now}): off pauses the connected car. */
    private boolean on = true;

    public synchronized boolean isOn() {
        return on;
    }

    public synchronized void switchOn(boolean value) {
        on = value;
    }

    public synchronized @Nullable String connected() {
        return connected;
    }

    public synchronized boolean isConnected(String vehicleId) {
        return vehicleId.equals(connected);
    }

    /** Connects the cable to this car (or to none with null). */
    public synchronized void connect(@Nullable String vehicleId) {
        connected = vehicleId;
    }

    /** Unplugs this car if it is the one connected (it drives away). */
    public synchronized void release(String vehicleId) {
        if (vehicleId.equals(connected)) {
            connected = null;
        }
    }
}
