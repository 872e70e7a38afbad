package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.measure.Unit;
import javax.measure.quantity.Length;
import javax.measure.quantity.Power;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.VehicleView;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.core.library.types.DateTimeType;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.PointType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.MetricPrefix;
import org.openhab.core.library.unit.SIUnits;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.State;
import org.openhab.core.types.UnDefType;

/**
 * Maps what the household knows about one car to the states of its channels. Anything unknown is {@code UNDEF}.
 */
@NonNullByDefault
final class VehicleChannels {

    static final Unit<Length> KILOMETRE = MetricPrefix.KILO(SIUnits.METRE);
    static final Unit<Power> KILOWATT = MetricPrefix.KILO(Units.WATT);

    static final List<String> ALL = List.of(CHANNEL_BATTERY_LEVEL, CHANNEL_RANGE, CHANNEL_CHARGING,
            CHANNEL_CHARGING_STATE, CHANNEL_CHARGING_POWER, CHANNEL_POSITION, CHANNEL_AT_HOME, CHANNEL_ADDRESS,
            CHANNEL_LAST_UPDATE, CHANNEL_SOURCE, CHANNEL_SIMULATED, CHANNEL_ACTION, CHANNEL_REASON,
            CHANNEL_PRIORITY_SCORE);

    /** A Tesla's Fleet API cost meter (every real Tesla has its own; simulated: UNDEF). */
    static final List<String> TESLA_API = List.of(CHANNEL_API_COST, CHANNEL_API_CALLS, CHANNEL_API_THROTTLED);

    private VehicleChannels() {
    }

    /** The state of every channel (keys as in {@link #ALL}). */
    static Map<String, State> states(VehicleView view, ReasonLanguage language) {
        Map<String, State> states = new LinkedHashMap<>();
        if (view.kind() == VehicleKind.TESLA) {
            apiCost(view.diagnostics(), states);
        }
        VehicleStatus s = view.status();
        if (s == null) {
            ALL.forEach(id -> states.put(id, UnDefType.UNDEF));
            return states;
        }
        states.put(CHANNEL_BATTERY_LEVEL, new QuantityType<>(s.batteryPercent(), Units.PERCENT));
        states.put(CHANNEL_RANGE, new QuantityType<>(s.rangeKm(), KILOMETRE));
        states.put(CHANNEL_CHARGING, OnOffType.from(s.charging()));
        states.put(CHANNEL_CHARGING_STATE, string(s.chargingState()));
        Double power = s.chargingPowerKw();
        states.put(CHANNEL_CHARGING_POWER, power != null ? new QuantityType<>(power, KILOWATT) : UnDefType.UNDEF);
        Double lat = s.latitude();
        Double lon = s.longitude();
        states.put(CHANNEL_POSITION, lat != null && lon != null
                ? new PointType(new DecimalType(lat), new DecimalType(lon))
                : UnDefType.UNDEF);
        states.put(CHANNEL_AT_HOME, switch (s.location()) {
            case HOME -> OnOffType.ON;
            case AWAY -> OnOffType.OFF;
            case UNKNOWN -> UnDefType.UNDEF;
        });
        states.put(CHANNEL_ADDRESS, string(s.address()));
        states.put(CHANNEL_LAST_UPDATE, new DateTimeType(s.lastUpdated()));
        states.put(CHANNEL_SOURCE, new StringType(s.source().json()));
        states.put(CHANNEL_SIMULATED, OnOffType.from(s.mock()));
        Recommendation r = view.recommendation();
        states.put(CHANNEL_ACTION, r != null ? new StringType(r.action().name()) : UnDefType.UNDEF);
        states.put(CHANNEL_REASON,
                r != null ? new StringType(language.pick(r.reason(), r.reasonNb())) : UnDefType.UNDEF);
        states.put(CHANNEL_PRIORITY_SCORE, r != null ? new DecimalType(r.priorityScore()) : UnDefType.UNDEF);
        return states;
    }

    private static void apiCost(Map<String, Object> diagnostics, Map<String, State> states) {
        Object cost = diagnostics.get("estimated_cost_usd");
        Object calls = diagnostics.get("api_calls_month");
        Object throttled = diagnostics.get("throttled");
        states.put(CHANNEL_API_COST, cost instanceof Number n ? new DecimalType(n.doubleValue()) : UnDefType.UNDEF);
        long total = 0;
        if (calls instanceof Map<?, ?> byCategory) {
            for (Object v : byCategory.values()) {
                total += v instanceof Number n ? n.longValue() : 0;
            }
        }
        states.put(CHANNEL_API_CALLS, calls instanceof Map<?, ?> ? new DecimalType(total) : UnDefType.UNDEF);
        states.put(CHANNEL_API_THROTTLED, throttled instanceof Boolean b ? OnOffType.from(b) : UnDefType.UNDEF);
    }

    private static State string(@Nullable String value) {
        return value != null && !value.isBlank() ? new StringType(value) : UnDefType.UNDEF;
    }
}
