package org.openhab.core.types;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code Type}.
 */
@NonNullByDefault
public interface Type {

    String format(String pattern);

    String toFullString();
}
