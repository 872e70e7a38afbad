package org.openhab.binding.chargepriority.internal.model;

import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The household's answer: which car goes on the charger now, or none.
 *
 * @param vehicleId the id of the car ("tesla", "ioniq"), or null for none
 * @param vehicleName the display name of the car, or {@link #NONE}
 * @param reason English reason
 * @param reasonNb Norwegian Bokmål reason
 */
@NonNullByDefault
public record Priority(@Nullable String vehicleId, String vehicleName, String reason, String reasonNb) {

    public static final String NONE = "NONE";

    public Priority {
        Objects.requireNonNull(vehicleName, "vehicleName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reasonNb, "reasonNb");
    }

    public static Priority none(String reason, String reasonNb) {
        return new Priority(null, NONE, reason, reasonNb);
    }

    public boolean isNone() {
        return vehicleId == null;
    }
}
