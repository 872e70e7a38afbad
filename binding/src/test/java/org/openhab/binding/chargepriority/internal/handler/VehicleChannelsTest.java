package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.time.Instant;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.ChargeAction;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.core.library.types.DateTimeType;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * What the channels of a car show for what the household knows, and for what it does not know.
 */
@NonNullByDefault
class VehicleChannelsTest {

    private static final Instant AT = Instant.parse("2025-01-05T03:00:00Z");

    @Test
    void aCarNeverReadShowsUndefEverywhere() {
        VehicleView view = new VehicleView("tesla", VehicleKind.TESLA, "Tesla Model Y", false, null, null, null, null,
                Map.of());

        Map<String, State> states = VehicleChannels.states(view, ReasonLanguage.ENGLISH);

        java.util.List<String> expected = new java.util.ArrayList<>(VehicleChannels.TESLA_API);
        expected.addAll(VehicleChannels.ALL);
        assertEquals(expected, states.keySet().stream().toList());
        states.forEach((channel, state) -> assertEquals(UnDefType.UNDEF, state, channel));
    }

    @Test
    void theTeslaShowsWhatItsApiCostsThisMonth() {
        Map<String, Object> diagnostics = Map.of("api_calls_month", Map.of("data", 400, "wake", 0, "command", 0),
                "estimated_cost_usd", 0.8, "throttled", false);
        VehicleView view = new VehicleView("tesla", VehicleKind.TESLA, "Tesla Model Y", false, null, null, null, null,
                diagnostics);

        Map<String, State> states = VehicleChannels.states(view, ReasonLanguage.ENGLISH);

        assertEquals(new org.openhab.core.library.types.DecimalType(0.8), states.get("api#cost"));
        assertEquals(new org.openhab.core.library.types.DecimalType(400), states.get("api#calls"));
        assertEquals(org.openhab.core.library.types.OnOffType.OFF, states.get("api#throttled"));
        VehicleView ioniq = new VehicleView("ioniq", VehicleKind.IONIQ, "Hyundai Ioniq 5", false, null, null, null,
                null, diagnostics);
        assertFalse(VehicleChannels.states(ioniq, ReasonLanguage.ENGLISH).containsKey("api#cost"));
        VehicleView second = new VehicleView("model3", VehicleKind.TESLA, "Tesla Model 3", false, null, null, null,
                null, diagnostics);
        assertEquals(new org.openhab.core.library.types.DecimalType(0.8),
                VehicleChannels.states(second, ReasonLanguage.ENGLISH).get("api#cost"), "a Tesla, whatever its id");
    }

    @Test
    void anUnknownPositionIsUndefAndNeverAtHome() {
        VehicleStatus s = new VehicleStatus("Tesla Model Y", 50, 200, false, null, Location.UNKNOWN, AT, false, null,
                null, null, null, DataSource.FLEET_API, false, null, false);
        VehicleView view = new VehicleView("tesla", VehicleKind.TESLA, "Tesla Model Y", false, s, null, null, null,
                Map.of());

        Map<String, State> states = VehicleChannels.states(view, ReasonLanguage.ENGLISH);

        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_AT_HOME));
        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_POSITION));
        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_CHARGING_STATE));
        assertEquals(UnDefType.UNDEF, states.get(CHANNEL_ACTION), "no decision yet");
        assertEquals(new DateTimeType(AT), states.get(CHANNEL_LAST_UPDATE));
    }

    @Test
    void theDecisionAndItsReasonInTheLanguageOfOpenHab() {
        VehicleStatus s = new VehicleStatus("Hyundai Ioniq 5", 37, 150, false, true, Location.HOME, AT, true, null,
                59.91, 10.75, "Storgata 1, Oslo", DataSource.SIMULATION, false, null, true);
        Recommendation r = new Recommendation(ChargeAction.CHARGE, "english", "norsk", AT, 37, 80, 32.3);
        VehicleView view = new VehicleView("ioniq", VehicleKind.IONIQ, "Hyundai Ioniq 5", true, s, r, null, null,
                Map.of());

        Map<String, State> en = VehicleChannels.states(view, ReasonLanguage.ENGLISH);
        Map<String, State> nb = VehicleChannels.states(view, ReasonLanguage.NORWEGIAN);

        assertEquals(new StringType("CHARGE"), en.get(CHANNEL_ACTION));
        assertEquals(new StringType("english"), en.get(CHANNEL_REASON));
        assertEquals(new StringType("norsk"), nb.get(CHANNEL_REASON));
        assertEquals(new DecimalType(32.3), en.get(CHANNEL_PRIORITY_SCORE));
        assertEquals(new PointType(new DecimalType(59.91), new DecimalType(10.75)), en.get(CHANNEL_POSITION));
        assertEquals(new StringType("Storgata 1, Oslo"), en.get(CHANNEL_ADDRESS));
        assertEquals(new StringType("simulation"), en.get(CHANNEL_SOURCE));
    }

    @Test
    void norwegianIsChosenForEveryNorwegianLocale() {
        assertEquals(ReasonLanguage.NORWEGIAN, ReasonLanguage.of(java.util.Locale.forLanguageTag("nb-NO")));
        assertEquals(ReasonLanguage.NORWEGIAN, ReasonLanguage.of(java.util.Locale.forLanguageTag("no")));
        assertEquals(ReasonLanguage.NORWEGIAN, ReasonLanguage.of(java.util.Locale.forLanguageTag("nn-NO")));
        assertEquals(ReasonLanguage.ENGLISH, ReasonLanguage.of(java.util.Locale.forLanguageTag("sv-SE")));
    }
}
