package org.openhab.binding.chargepriority.internal.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openhab.binding.chargepriority.internal.model.ChargeAction;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Priority;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * The decision rules of the README, case by case: the same table the README shows.
 */
class DecisionEngineTest {

    static final Instant NOW = Instant.parse("2026-11-29T18:00:00Z");
    static final HouseholdSettings SETTINGS = HouseholdSettings.defaults(); // 80 %, 60 min, 20 %, 50 km, 10 points

    final DecisionEngine engine = new DecisionEngine();

    static VehicleStatus car(String name, double soc, double range, boolean charging, Location location,
            Duration age) {
        return new VehicleStatus(name, soc, range, charging, charging, location, NOW.minus(age), false,
                charging ? 11.0 : null, null, null, null, DataSource.FLEET_API, false, null, false);
    }

    static VehicleStatus tesla(double soc, double range, boolean charging, Location location) {
        return car("Tesla Model Y", soc, range, charging, location, Duration.ofMinutes(5));
    }

    static VehicleStatus ioniq(double soc, double range, boolean charging, Location location) {
        return car("Hyundai Ioniq 5", soc, range, charging, location, Duration.ofMinutes(5));
    }

    @ParameterizedTest(name = "{0} % range {1} km charging={2} {3} age {4} min -> {5} score {6}")
    @CsvSource({
            // soc, range, charging, location, age min, action, score
            "79, 300, false, HOME, 5, CHARGE, 0.8", // just below the threshold
            "80, 300, false, HOME, 5, NO_CHARGE, 0", // at the threshold
            "81, 300, false, HOME, 5, NO_CHARGE, 0", // above
            "50, 200, false, AWAY, 5, NO_CHARGE, 22.5", // away: no charge, the score still says how low it is
            "50, 200, false, UNKNOWN, 5, NO_CHARGE, 22.5", // unknown location is never home
            "79, 300, true, HOME, 5, CONTINUE_CHARGING, 0.8", // charging below the threshold
            "80, 300, true, HOME, 5, NO_CHARGE, 0", // threshold reached while charging
            "19.9, 100, false, HOME, 5, CHARGE, 70.1", // under the minimum charge: +25
            "20, 100, false, HOME, 5, CHARGE, 45", // exactly the minimum: no bonus
            "30, 49, false, HOME, 5, CHARGE, 52.5", // under the minimum range: +15
            "30, 50, false, HOME, 5, CHARGE, 37.5", // exactly the minimum range: no bonus
            "0, 0, false, HOME, 5, CHARGE, 100", // empty: the maximum
            "40, 150, false, HOME, 121, CHARGE, 30", // stale (older than 2 x 60 min): same action, marked
    })
    void recommendationTable(double soc, double range, boolean charging, Location location, long ageMinutes,
            ChargeAction action, double score) {
        VehicleStatus s = car("Tesla Model Y", soc, range, charging, location, Duration.ofMinutes(ageMinutes));
        Decision d = engine.decide(List.of(new DecisionEngine.Input("tesla", s)), SETTINGS, null, NOW);
        Recommendation r = d.recommendations().get("tesla");
        assertEquals(action, r.action(), r.reason());
        if (action == ChargeAction.NO_CHARGE && (soc >= 80)) {
            assertEquals(0, r.priorityScore());
        } else {
            assertEquals(score, r.priorityScore(), 0.001);
        }
        assertEquals(80, r.threshold());
        assertEquals(soc, r.batteryPercent());
        assertEquals(ageMinutes > 120, r.reason().contains("stale"), r.reason());
        assertEquals(ageMinutes > 120, r.reasonNb().contains("utdaterte"), r.reasonNb());
    }

    @Test
    void reasonsSayWhyInBothLanguages() {
        Recommendation away = engine.recommend(tesla(50, 200, false, Location.AWAY), SETTINGS, false, NOW);
        assertTrue(away.reason().contains("not at home"), away.reason());
        assertTrue(away.reasonNb().contains("ikke hjemme"), away.reasonNb());
        Recommendation full = engine.recommend(tesla(85, 400, true, Location.HOME), SETTINGS, false, NOW);
        assertTrue(full.reason().contains("reached the 80 % threshold"), full.reason());
        assertTrue(full.reasonNb().contains("nådd grensen på 80 %"), full.reasonNb());
        Recommendation urgent = engine.recommend(tesla(15, 60, false, Location.HOME), SETTINGS, false, NOW);
        assertTrue(urgent.reason().contains("urgent"), urgent.reason());
        assertTrue(urgent.reasonNb().contains("haster"), urgent.reasonNb());
    }

    private Priority priority(VehicleStatus t, VehicleStatus i, String previous) {
        return engine.decide(List.of(new DecisionEngine.Input("tesla", t), new DecisionEngine.Input("ioniq", i)),
                SETTINGS, previous, NOW).priority();
    }

    @Test
    void lowerStateOfChargeWins() {
        Priority p = priority(tesla(40, 180, false, Location.HOME), ioniq(60, 250, false, Location.HOME), null);
        assertEquals("tesla", p.vehicleId());
        assertEquals("Tesla Model Y", p.vehicleName());
        assertTrue(p.reason().startsWith("Charge the Tesla Model Y first"), p.reason());
        assertTrue(p.reasonNb().startsWith("Lad Tesla Model Y først"), p.reasonNb());
    }

    @Test
    void aCarAwayCannotTakeTheCharger() {
        Priority p = priority(tesla(10, 40, false, Location.AWAY), ioniq(60, 250, false, Location.HOME), null);
        assertEquals("ioniq", p.vehicleId());
    }

    @Test
    void tieGoesToTheLowerRange() {
        Priority p = priority(tesla(50, 250, false, Location.HOME), ioniq(50, 200, false, Location.HOME), null);
        assertEquals("ioniq", p.vehicleId(), p.reason());
        assertTrue(p.reason().contains("lower range"), p.reason());
        Priority swapped = priority(tesla(50, 190, false, Location.HOME), ioniq(50, 200, false, Location.HOME),
                null);
        assertEquals("tesla", swapped.vehicleId());
    }

    @Test
    void aChargingCarKeepsPriorityWithinTheHysteresis() {
        // Ioniq charging at 55 % (score 18.8); Tesla at 45 % (26.3): 7.5 points better, not more than 10.
        Priority keep = priority(tesla(45, 200, false, Location.HOME), ioniq(55, 230, true, Location.HOME), null);
        assertEquals("ioniq", keep.vehicleId(), keep.reason());
        assertTrue(keep.reason().contains("already charging"), keep.reason());
        // Tesla at 40 % (30.0) beats 18.8 by 11.2 > 10: it takes over.
        Priority take = priority(tesla(40, 180, false, Location.HOME), ioniq(55, 230, true, Location.HOME), null);
        assertEquals("tesla", take.vehicleId(), take.reason());
    }

    @Test
    void previousAnswerSticksWithinTheHysteresis() {
        Priority p = priority(tesla(45, 200, false, Location.HOME), ioniq(50, 230, false, Location.HOME), "ioniq");
        assertEquals("ioniq", p.vehicleId(), p.reason());
        Priority fresh = priority(tesla(45, 200, false, Location.HOME), ioniq(50, 230, false, Location.HOME), null);
        assertEquals("tesla", fresh.vehicleId());
    }

    @Test
    void noFlappingWhenBothCarsHoverAroundEachOther() {
        // Two cars whose charge wobbles by a few points between updates: the answer must not change each time.
        String previous = null;
        List<String> answers = new ArrayList<>();
        double[][] socs = { { 50, 52 }, { 53, 51 }, { 50, 53 }, { 54, 50 }, { 51, 54 }, { 55, 50 } };
        for (double[] s : socs) {
            Priority p = priority(tesla(s[0], 250, false, Location.HOME), ioniq(s[1], 250, false, Location.HOME),
                    previous);
            previous = p.vehicleId();
            answers.add(previous);
        }
        assertEquals(1, answers.stream().distinct().count(), answers.toString());
    }

    @Test
    void staleDataCannotWinOnItsOwn() {
        VehicleStatus staleTesla = car("Tesla Model Y", 20, 90, false, Location.HOME, Duration.ofHours(3));
        Priority p = priority(staleTesla, ioniq(70, 300, false, Location.HOME), null);
        assertEquals("ioniq", p.vehicleId(), p.reason());

        Priority none = priority(staleTesla, ioniq(85, 380, false, Location.HOME), null);
        assertTrue(none.isNone());
        assertEquals(Priority.NONE, none.vehicleName());
        assertTrue(none.reason().contains("stale"), none.reason());

        VehicleStatus markedStale = tesla(20, 90, false, Location.HOME).withStale(true);
        assertTrue(priority(markedStale, ioniq(85, 380, false, Location.HOME), null).isNone());
    }

    @Test
    void noneWhenNoCarNeedsTheCharger() {
        Priority p = priority(tesla(85, 400, false, Location.HOME), ioniq(30, 130, false, Location.AWAY), null);
        assertTrue(p.isNone());
        assertEquals("No car needs the charger now", p.reason());
        assertEquals("Ingen bil trenger laderen nå", p.reasonNb());
    }

    @Test
    void thresholdChangeChangesTheDecision() {
        VehicleStatus t = tesla(75, 330, false, Location.HOME);
        assertEquals(ChargeAction.CHARGE, engine.recommend(t, SETTINGS, false, NOW).action());
        assertEquals(ChargeAction.NO_CHARGE,
                engine.recommend(t, SETTINGS.withChargeThreshold(70), false, NOW).action());
    }

    @Test
    void invalidSettingsAreRefusedAsAWhole() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SETTINGS.withChargeThreshold(49));
        assertEquals("charge_threshold", e.field());
        assertThrows(InvalidSettingException.class, () -> SETTINGS.withChargeThreshold(101));
        assertThrows(InvalidSettingException.class, () -> SETTINGS.withUpdateIntervalMinutes(0));
        assertEquals(80, SETTINGS.chargeThreshold());
        assertEquals(Map.of("tesla", true, "ioniq", true), SETTINGS.mockModes());
    }
}
