package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The time left for one fetch, so that the household's update never waits long for a silent adapter. Measured on the
 * monotonic clock: it bounds real I/O waits, not the wall-clock schedule.
 */
@NonNullByDefault
final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** The shorter of {@code limit} and the time left. */
    Duration cap(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }
}
