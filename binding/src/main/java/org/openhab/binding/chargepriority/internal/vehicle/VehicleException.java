package org.openhab.binding.chargepriority.internal.vehicle;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The one checked exception a {@link VehicleService} throws. Its message is safe to show to a user: it never holds a
 * secret.
 */
@NonNullByDefault
public class VehicleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, so the front doors can pick the right openHAB status detail. */
    public enum Kind {
        /** The car or adapter could not be reached, or answered badly. */
        COMMUNICATION,
        /** The login is gone (e.g. Tesla {@code login_required}): the owner must authorize again. */
        AUTHENTICATION,
        /** The configuration is wrong or incomplete (e.g. no client id, wrong region). */
        CONFIGURATION,
        /** The car sleeps and there is no earlier state to show. */
        ASLEEP
    }

    private final Kind kind;
    private final int httpStatus;

    public VehicleException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public VehicleException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, message, 0, cause);
    }

    public VehicleException(Kind kind, String message, int httpStatus, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused the failure, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }
}
