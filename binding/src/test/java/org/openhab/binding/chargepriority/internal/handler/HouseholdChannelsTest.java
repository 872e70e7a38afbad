package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.mock;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * What the bridge's channels show before anything has been decided.
 */
@NonNullByDefault
class HouseholdChannelsTest {

    @Test
    void beforeTheFirstUpdateThePriorityIsUnknownNotNone() {
        Household notStarted = new Household(List.of(), new HouseholdConfiguration().settings(Map.of()), null,
                Clock.fixed(Instant.parse("2025-01-05T03:00:00Z"), ZoneOffset.UTC),
                mock(ScheduledExecutorService.class), StatusEnricher.NONE, Household.SettingsPersister.NONE);

        Map<String, State> states = HouseholdChannels.states(notStarted.snapshot(), ReasonLanguage.ENGLISH);

        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_PRIORITY_VEHICLE), "a rule must not act on it");
        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_PRIORITY_REASON));
        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_NEXT_UPDATE));
        assertEquals(new QuantityType<>(80, Units.PERCENT), states.get(CHANNEL_THRESHOLD));
    }
}
