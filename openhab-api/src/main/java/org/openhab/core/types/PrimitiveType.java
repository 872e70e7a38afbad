package org.openhab.core.types;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code PrimitiveType}.
 */
@NonNullByDefault
public interface PrimitiveType extends Type {
}
