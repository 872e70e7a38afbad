package org.openhab.binding.chargepriority.internal.core;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Told about every new household snapshot: after each update and after each settings change. Called on the
 * household's thread: implementations must return quickly (queue work, don't block).
 */
@FunctionalInterface
@NonNullByDefault
public interface HouseholdListener {
    void onSnapshot(HouseholdSnapshot snapshot);
}
