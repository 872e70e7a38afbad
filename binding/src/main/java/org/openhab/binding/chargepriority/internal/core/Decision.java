package org.openhab.binding.chargepriority.internal.core;

import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.model.Priority;
import org.openhab.binding.chargepriority.internal.model.Recommendation;

/**
 * The result of one decision: a recommendation per vehicle id and the household's priority.
 */
@NonNullByDefault
public record Decision(Map<String, Recommendation> recommendations, Priority priority) {
    public Decision {
        recommendations = Map.copyOf(recommendations);
    }
}
