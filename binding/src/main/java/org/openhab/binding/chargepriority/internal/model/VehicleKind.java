package org.openhab.binding.chargepriority.internal.model;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What kind of car a household's car is, whatever its id: it decides how the car is read and simulated, and which of
 * the seed API's fields ({@code tesla}, {@code ioniq}) show it. The id is the car's own (its Thing's id).
 */
@NonNullByDefault
public enum VehicleKind {
    /** Read through the Tesla Fleet API, or simulated as a Tesla Model Y. */
    TESLA("tesla"),
    /** Read over OBD-II, or simulated as a Hyundai Ioniq 5. */
    IONIQ("ioniq"),
    /** Its values are given to the binding (openHAB items, {@code PUT /api/vehicles/{id}/status}); never simulated. */
    VEHICLE("vehicle");

    private final String id;

    VehicleKind(String id) {
        this.id = id;
    }

    /** The kind as the API and the Thing type name it: {@code tesla}, {@code ioniq} or {@code vehicle}. */
    public String id() {
        return id;
    }

    /** The kind named {@code id}, or null for none. */
    public static @Nullable VehicleKind fromId(@Nullable String id) {
        for (VehicleKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
