package org.openhab.binding.chargepriority.internal.price;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A price source gave no prices. {@link #notPublished()} is the normal "not yet" (tomorrow before about 13:00 CET);
 * anything else is a failure (network, server error, an answer that cannot be read).
 */
@NonNullByDefault
public class PriceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when there was no answer or it could not be read. */
    private final int httpStatus;
    private final boolean notPublished;

    public PriceException(String message, int httpStatus, boolean notPublished) {
        super(message);
        this.httpStatus = httpStatus;
        this.notPublished = notPublished;
    }

    public static PriceException notPublished(String message, int httpStatus) {
        return new PriceException(message, httpStatus, true);
    }

    public static PriceException failed(String message, int httpStatus) {
        return new PriceException(message, httpStatus, false);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean notPublished() {
        return notPublished;
    }
}
