package org.openhab.binding.chargepriority.internal.store;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One row of {@code errors}.
 */
public record StoredError(long id, Instant timestamp, String service, @Nullable String errorType,
        @Nullable String message) {
}
