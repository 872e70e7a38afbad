package org.openhab.binding.chargepriority.internal.store;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The history database could not be read or written (read-only file, full disk, corrupt file).
 */
@NonNullByDefault
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
