package org.openhab.binding.chargepriority.internal.web;

import java.nio.charset.StandardCharsets;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;

/**
 * The status JSON, serialized once per snapshot (its sequence) and shared by every request until the next snapshot.
 */
@NonNullByDefault
final class StatusCache {

    /** One serialized snapshot: the JSON object as text and as UTF-8. */
    record Entry(Household household, long sequence, String json, byte[] bytes) {
    }

    private volatile @Nullable Entry entry;

    Entry get(Household household) {
        return get(household, household.snapshot());
    }

    Entry get(Household household, HouseholdSnapshot snapshot) {
        Entry e = entry;
        if (e != null && e.household() == household && e.sequence() == snapshot.sequence()) {
            return e;
        }
        String json = StatusJson.GSON.toJson(StatusJson.status(snapshot, household.clock().getZone()));
        Entry fresh = new Entry(household, snapshot.sequence(), json, json.getBytes(StandardCharsets.UTF_8));
        // Never replace a newer snapshot's entry with an older one (two threads racing after an update).
        Entry current = entry;
        if (current == null || current.household() != household || current.sequence() < snapshot.sequence()) {
            entry = fresh;
        }
        return fresh;
    }
}
