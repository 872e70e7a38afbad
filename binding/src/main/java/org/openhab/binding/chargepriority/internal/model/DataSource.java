package org.openhab.binding.chargepriority.internal.model;

/**
 * Where a {@link VehicleStatus} came from.
 */
public enum DataSource {
    SIMULATION("simulation"),
    FLEET_API("fleet-api"),
    OBD("obd"),
    /** Values given to the binding: openHAB items (the {@code vehicle} Thing) or {@code PUT /api/vehicles/{id}/status}. */
    PUSHED("pushed");

    private final String json;

    DataSource(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** The source of a stored reading's {@code source} column; null for none or an unknown one. */
    public static @org.eclipse.jdt.annotation.Nullable DataSource fromJson(@org.eclipse.jdt.annotation.Nullable String json) {
        for (DataSource d : values()) {
            if (d.json.equals(json)) {
                return d;
            }
        }
        return null;
    }

    /** True when reading the car costs something (API money, the 12 V battery): such a car is asked sparingly. */
    public boolean metered() {
        return this == FLEET_API || this == OBD;
    }
}
