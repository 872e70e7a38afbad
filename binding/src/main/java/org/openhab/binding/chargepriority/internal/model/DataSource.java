package org.openhab.binding.chargepriority.internal.model;

/**
 * Where a {@link VehicleStatus} came from.
 */
public enum DataSource {
    SIMULATION("simulation"),
    FLEET_API("fleet-api"),
    OBD("obd");

    private final String json;

    DataSource(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
