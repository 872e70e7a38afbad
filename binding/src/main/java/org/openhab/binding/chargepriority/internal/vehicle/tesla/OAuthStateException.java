package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;

/**
 * The callback does not belong to a sign-in this binding started (unknown, used or expired {@code state}, or another
 * redirect URI). The callback servlet answers it with HTTP 400; nothing was sent to Tesla.
 */
@NonNullByDefault
public class OAuthStateException extends VehicleException {

    private static final long serialVersionUID = 1L;

    public OAuthStateException(String message) {
        super(Kind.AUTHENTICATION, message);
    }
}
