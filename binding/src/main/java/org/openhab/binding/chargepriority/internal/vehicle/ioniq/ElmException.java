package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A request to the adapter gave no usable answer; {@link #error()} says why and what that means for polling.
 */
@NonNullByDefault
public class ElmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ElmError error;

    public ElmException(ElmError error, String message) {
        super(message);
        this.error = error;
    }

    public ElmError error() {
        return error;
    }
}
