package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.model.Priority;
import org.openhab.core.library.types.DateTimeType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * Maps a household snapshot to the states of the bridge's channels. Before the first update the priority is unknown
 * ({@code UNDEF}), not {@code NONE}: a rule must not switch a charger off on an answer nobody has given yet.
 */
@NonNullByDefault
final class HouseholdChannels {

    private HouseholdChannels() {
    }

    /** The state of every state channel of the bridge ({@code control#update} is a command and not here). */
    static Map<String, State> states(HouseholdSnapshot snapshot, ReasonLanguage language) {
        Map<String, State> states = new LinkedHashMap<>();
        boolean decided = snapshot.lastUpdated() != null;
        Priority p = snapshot.priority();
        String vehicleId = p.vehicleId();
        states.put(CHANNEL_PRIORITY_VEHICLE,
                decided ? new StringType(vehicleId != null ? vehicleId : Priority.NONE) : UnDefType.UNDEF);
        states.put(CHANNEL_PRIORITY_REASON,
                decided ? new StringType(language.pick(p.reason(), p.reasonNb())) : UnDefType.UNDEF);
        states.put(CHANNEL_THRESHOLD, new QuantityType<>(snapshot.settings().chargeThreshold(), Units.PERCENT));
        Instant next = snapshot.nextUpdate();
        states.put(CHANNEL_NEXT_UPDATE, next != null ? new DateTimeType(next) : UnDefType.UNDEF);
        return states;
    }
}
