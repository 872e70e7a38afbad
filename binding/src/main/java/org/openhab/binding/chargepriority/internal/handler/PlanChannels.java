package org.openhab.binding.chargepriority.internal.handler;

import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.plan.CarPlan;
import org.openhab.binding.chargepriority.internal.core.plan.NightPlan;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.openhab.binding.chargepriority.internal.core.plan.PlannedSlot;
import org.openhab.core.library.types.DateTimeType;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.OnOffType;
import org.openhab.core.library.types.QuantityType;
import org.openhab.core.library.types.StringType;
import org.openhab.core.library.unit.Units;
import org.openhab.core.types.State;
import org.openhab.core.types.TimeSeries;
import org.openhab.core.types.UnDefType;

/**
 * The night plan on the channels: the bridge's {@code priority#charge-now} and {@code plan#*}, each car's
 * {@code plan#*}, and the schedule as a time series. Before the first update everything is UNDEF (a rule must not
 * switch a charger on an answer nobody has given yet).
 */
@NonNullByDefault
final class PlanChannels {

    static final List<String> HOUSEHOLD = List.of(CHANNEL_CHARGE_NOW, CHANNEL_PLAN_MESSAGE, CHANNEL_PLAN_NEXT_SWAP,
            CHANNEL_PLAN_COST, CHANNEL_PLAN_SCHEDULE);
    static final List<String> CAR = List.of(CHANNEL_PLAN_START, CHANNEL_PLAN_END, CHANNEL_PLAN_EXPECTED_CHARGE);

    private PlanChannels() {
    }

    static Map<String, State> household(HouseholdSnapshot snapshot, ReasonLanguage language) {
        Map<String, State> states = new LinkedHashMap<>();
        boolean decided = snapshot.lastUpdated() != null;
        states.put(CHANNEL_CHARGE_NOW, decided ? OnOffType.from(snapshot.chargeNow()) : UnDefType.UNDEF);
        PlanView view = snapshot.plan();
        NightPlan plan = view != null ? view.plan() : null;
        states.put(CHANNEL_PLAN_MESSAGE,
                view != null ? new StringType(language.pick(view.message(), view.messageNb())) : UnDefType.UNDEF);
        Instant swap = plan != null && view.active() ? plan.nextSwap() : null;
        states.put(CHANNEL_PLAN_NEXT_SWAP, swap != null ? new DateTimeType(swap) : UnDefType.UNDEF);
        states.put(CHANNEL_PLAN_COST, plan != null && view.active() && plan.pricesKnown()
                ? new DecimalType(Math.round(plan.totalCost() * 100) / 100.0)
                : UnDefType.UNDEF);
        return states;
    }

    static Map<String, State> car(HouseholdSnapshot snapshot, String vehicleId) {
        Map<String, State> states = new LinkedHashMap<>();
        PlanView view = snapshot.plan();
        NightPlan plan = view != null && view.active() ? view.plan() : null;
        CarPlan car = plan != null ? plan.car(vehicleId).orElse(null) : null;
        states.put(CHANNEL_PLAN_START, time(car != null ? car.start() : null));
        states.put(CHANNEL_PLAN_END, time(car != null ? car.end() : null));
        states.put(CHANNEL_PLAN_EXPECTED_CHARGE, car != null
                ? new QuantityType<>(Math.round(car.expectedSocPercent()), Units.PERCENT)
                : UnDefType.UNDEF);
        return states;
    }

    /**
     * The planned charging power per slot (kW; 0 where no car charges), replacing what persistence holds for the
     * plan's span: openHAB's charts show the plan ahead. Null when nothing is planned.
     */
    static @Nullable TimeSeries schedule(HouseholdSnapshot snapshot) {
        PlanView view = snapshot.plan();
        NightPlan plan = view != null && view.active() ? view.plan() : null;
        if (plan == null || plan.slots().isEmpty()) {
            return null;
        }
        TimeSeries series = new TimeSeries(TimeSeries.Policy.REPLACE);
        for (PlannedSlot slot : plan.slots()) {
            double hours = (slot.end().toEpochMilli() - slot.start().toEpochMilli()) / 3_600_000.0;
            double kw = hours > 0 ? slot.gridKwh() / hours : 0;
            series.add(slot.start(), new QuantityType<>(Math.round(kw * 10) / 10.0, VehicleChannels.KILOWATT));
        }
        PlannedSlot last = plan.slots().get(plan.slots().size() - 1);
        series.add(last.end(), new QuantityType<>(0, VehicleChannels.KILOWATT));
        return series;
    }

    private static State time(@Nullable Instant instant) {
        return instant != null ? new DateTimeType(instant) : UnDefType.UNDEF;
    }
}
