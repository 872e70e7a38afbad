package org.openhab.core.types;

import java.util.SortedMap;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code ComplexType}.
 */
@NonNullByDefault
public interface ComplexType extends Type {

    SortedMap<String, PrimitiveType> getConstituents();
}
