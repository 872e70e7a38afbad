package org.openhab.core.types;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code State}.
 */
@NonNullByDefault
public interface State extends Type {
}
