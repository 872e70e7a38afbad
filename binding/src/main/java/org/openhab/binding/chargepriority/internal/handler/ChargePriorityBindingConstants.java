package org.openhab.binding.chargepriority.internal.handler;

import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;
import org.openhab.core.thing.ThingTypeUID;

/**
 * Ids shared by the handlers and {@code OH-INF}: thing types and channels ({@code group#channel}).
 */
@NonNullByDefault
public final class ChargePriorityBindingConstants {

    public static final String BINDING_ID = "chargepriority";

    public static final ThingTypeUID THING_TYPE_HOUSEHOLD = new ThingTypeUID(BINDING_ID, "household");
    public static final ThingTypeUID THING_TYPE_TESLA = new ThingTypeUID(BINDING_ID, Simulation.TESLA);
    public static final ThingTypeUID THING_TYPE_IONIQ = new ThingTypeUID(BINDING_ID, Simulation.IONIQ);
    public static final ThingTypeUID THING_TYPE_VEHICLE = new ThingTypeUID(BINDING_ID, "vehicle");
    public static final Set<ThingTypeUID> SUPPORTED_THING_TYPES = Set.of(THING_TYPE_HOUSEHOLD, THING_TYPE_TESLA,
            THING_TYPE_IONIQ, THING_TYPE_VEHICLE);

    // household bridge
    public static final String CHANNEL_PRIORITY_VEHICLE = "priority#vehicle";
    public static final String CHANNEL_PRIORITY_REASON = "priority#reason";
    public static final String CHANNEL_THRESHOLD = "settings#threshold";
    public static final String CHANNEL_UPDATE = "control#update";
    public static final String CHANNEL_NEXT_UPDATE = "status#next-update";
    public static final String CHANNEL_CHARGE_NOW = "priority#charge-now";
    public static final String CHANNEL_PLAN_MESSAGE = "plan#message";
    public static final String CHANNEL_PLAN_NEXT_SWAP = "plan#next-swap";
    public static final String CHANNEL_PLAN_COST = "plan#cost";
    public static final String CHANNEL_PLAN_SCHEDULE = "plan#schedule";
    public static final String CHANNEL_PLAN_START = "plan#start";
    public static final String CHANNEL_PLAN_END = "plan#end";
    public static final String CHANNEL_PLAN_EXPECTED_CHARGE = "plan#expected-charge";

    // each car
    public static final String CHANNEL_BATTERY_LEVEL = "battery#level";
    public static final String CHANNEL_RANGE = "battery#range";
    public static final String CHANNEL_CHARGING = "charging#charging";
    public static final String CHANNEL_CHARGING_STATE = "charging#state";
    public static final String CHANNEL_CHARGING_POWER = "charging#power";
    public static final String CHANNEL_POSITION = "location#position";
    public static final String CHANNEL_AT_HOME = "location#at-home";
    public static final String CHANNEL_ADDRESS = "location#address";
    public static final String CHANNEL_LAST_UPDATE = "status#last-update";
    public static final String CHANNEL_SOURCE = "status#source";
    public static final String CHANNEL_SIMULATED = "status#simulated";
    public static final String CHANNEL_ACTION = "decision#action";
    public static final String CHANNEL_REASON = "decision#reason";
    public static final String CHANNEL_PRIORITY_SCORE = "decision#priority-score";
    public static final String CHANNEL_API_COST = "api#cost";
    public static final String CHANNEL_API_CALLS = "api#calls";
    public static final String CHANNEL_API_THROTTLED = "api#throttled";

    private ChargePriorityBindingConstants() {
    }
}
