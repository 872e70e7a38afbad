package org.openhab.binding.chargepriority.internal.model;

import java.time.Instant;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The decision for one car, with a reason a person understands in English and Norwegian Bokmål.
 *
 * @param action what to do
 * @param reason English reason
 * @param reasonNb Norwegian Bokmål reason
 * @param timestamp when the decision was made
 * @param batteryPercent the state of charge the decision was made on
 * @param threshold the charge threshold in force
 * @param priorityScore urgency 0–100, higher is more urgent
 */
@NonNullByDefault
public record Recommendation(ChargeAction action, String reason, String reasonNb, Instant timestamp,
        double batteryPercent, double threshold, double priorityScore) {

    public Recommendation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reasonNb, "reasonNb");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!(priorityScore >= 0 && priorityScore <= 100)) {
            throw new IllegalArgumentException("priorityScore must be 0–100, was " + priorityScore);
        }
    }
}
