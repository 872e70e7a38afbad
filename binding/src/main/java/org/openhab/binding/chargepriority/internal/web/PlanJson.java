package org.openhab.binding.chargepriority.internal.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.plan.CarPlan;
import org.openhab.binding.chargepriority.internal.core.plan.DepartureSchedule;
import org.openhab.binding.chargepriority.internal.core.plan.NightPlan;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PlanReason;
import org.openhab.binding.chargepriority.internal.core.plan.PlanText;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.openhab.binding.chargepriority.internal.core.plan.PlannedSlot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** The night plan as JSON: {@code GET /api/plan}, the WebSocket's {@code plan_update}, the departures. */
@NonNullByDefault
public final class PlanJson {

    private PlanJson() {
    }

    /** {@code GET /api/plan}. */
    public static JsonObject plan(HouseholdSnapshot snapshot, ZoneId zone, Instant now) {
        JsonObject o = new JsonObject();
        PlanView view = snapshot.plan();
        o.addProperty("active", view != null && view.active());
        o.addProperty("charge_now", snapshot.chargeNow());
        o.addProperty("priority_vehicle_id", snapshot.priority().vehicleId());
        if (view == null) {
            o.add("created_at", JsonNull.INSTANCE);
            o.addProperty("message", "Not planned yet");
            o.addProperty("message_nb", "Ikke planlagt ennå");
            o.add("slots", new JsonArray());
            o.add("vehicles", new JsonArray());
            o.add("reasons", new JsonArray());
            return o;
        }
        o.add("created_at", time(view.createdAt(), zone));
        o.addProperty("message", view.message());
        o.addProperty("message_nb", view.messageNb());
        PlanPrices prices = view.prices();
        JsonObject p = new JsonObject();
        p.addProperty("source", prices.source());
        p.addProperty("area", prices.area());
        p.addProperty("currency", prices.currency());
        p.addProperty("known_slots", prices.known().size());
        p.addProperty("problem", prices.problem());
        o.add("prices", p);
        JsonObject s = new JsonObject();
        s.addProperty("enabled", view.settings().enabled());
        s.addProperty("charger_power_kw", view.settings().chargerKw());
        s.addProperty("charging_efficiency", view.settings().efficiency());
        s.addProperty("max_swaps", view.settings().maxSwaps());
        s.addProperty("plan_by_price", view.settings().byPrice());
        o.add("settings", s);
        NightPlan plan = view.plan();
        JsonArray slots = new JsonArray();
        JsonArray cars = new JsonArray();
        JsonArray reasons = new JsonArray();
        if (plan != null) {
            o.addProperty("currency", plan.currency());
            o.addProperty("total_cost", round(plan.totalCost(), 2));
            o.addProperty("prices_known", plan.pricesKnown());
            o.addProperty("swaps", plan.swaps());
            o.add("next_swap", time(plan.nextSwap(), zone));
            o.addProperty("current_vehicle", plan.carAt(now).orElse(null));
            for (PlannedSlot slot : plan.slots()) {
                JsonObject j = new JsonObject();
                j.add("start", time(slot.start(), zone));
                j.add("end", time(slot.end(), zone));
                j.addProperty("price", slot.price());
                j.addProperty("vehicle", slot.carId());
                j.addProperty("energy_kwh", round(slot.energyKwh(), 3));
                j.addProperty("cost", round(slot.cost(), 4));
                j.add("charge_until", time(slot.carId() != null ? slot.chargeUntil() : null, zone));
                slots.add(j);
            }
            for (CarPlan c : plan.cars()) {
                JsonObject j = new JsonObject();
                j.addProperty("id", c.id());
                j.addProperty("name", c.name());
                j.addProperty("at_home", c.atHome());
                j.addProperty("expected_percent", round(c.expectedSocPercent(), 1));
                j.addProperty("target_percent", round(c.targetPercent(), 1));
                j.addProperty("shortfall_percent", round(c.shortfallPercent(), 1));
                j.addProperty("energy_kwh", round(c.energyKwh(), 2));
                j.addProperty("cost", round(c.cost(), 2));
                j.add("start", time(c.start(), zone));
                j.add("end", time(c.end(), zone));
                j.add("departure", time(c.departure(), zone));
                cars.add(j);
            }
            for (PlanReason r : plan.reasons()) {
                JsonObject j = new JsonObject();
                j.addProperty("code", r.code().name());
                j.addProperty("vehicle", r.vehicle());
                j.addProperty("text", PlanText.render(r, "en", zone));
                j.addProperty("text_nb", PlanText.render(r, "nb", zone));
                reasons.add(j);
            }
        }
        String problem = prices.problem();
        if (problem != null && view.settings().byPrice()) {
            JsonObject j = new JsonObject();
            j.addProperty("code", "PRICE_SOURCE");
            j.addProperty("vehicle", "");
            j.addProperty("text", problem);
            j.addProperty("text_nb", "Ingen priser fra " + prices.source() + " for " + prices.area() + " ennå");
            reasons.add(j);
        }
        o.add("slots", slots);
        o.add("vehicles", cars);
        o.add("reasons", reasons);
        return o;
    }

    /** A car's departures, target and capacity: {@code GET/PUT /api/vehicles/{id}/departure}. */
    public static JsonObject departure(String id, DepartureSchedule d, double threshold,
            Household.Capacity capacity) {
        JsonObject o = new JsonObject();
        o.addProperty("vehicle", id);
        JsonObject days = new JsonObject();
        for (DayOfWeek day : DayOfWeek.values()) {
            LocalTime t = d.times().get(day);
            days.add(DepartureSchedule.key(day), t == null ? JsonNull.INSTANCE : new JsonPrimitive(t.toString()));
        }
        o.add("departures", days);
        o.addProperty("departures_text", DepartureSchedule.formatTimes(d.times()));
        o.addProperty("target_percent", d.targetPercent());
        o.addProperty("effective_target_percent", d.targetPercent() != null ? d.targetPercent() : (Number) threshold);
        o.addProperty("battery_capacity_kwh", d.capacityKwh());
        o.addProperty("effective_battery_capacity_kwh", capacity.kwh());
        o.addProperty("battery_capacity_source", capacity.source());
        return o;
    }

    private static JsonElement time(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? JsonNull.INSTANCE : new JsonPrimitive(StatusJson.time(instant, zone));
    }

    private static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }
}
