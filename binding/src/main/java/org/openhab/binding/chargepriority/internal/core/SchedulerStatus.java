package org.openhab.binding.chargepriority.internal.core;

import java.time.Instant;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The scheduler as {@code GET /api/scheduler} shows it.
 */
@NonNullByDefault
public record SchedulerStatus(boolean running, int updateIntervalMinutes, @Nullable Instant nextRunTime,
        List<Job> jobs) {

    public record Job(String id, String name, @Nullable Instant nextRunTime) {
    }
}
