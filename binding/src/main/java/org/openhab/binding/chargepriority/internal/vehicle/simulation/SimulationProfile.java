package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * How one simulated car is built and used: its battery, its consumption, its charger and its weekly trips.
 *
 * @param name display name
 * @param capacityKwh usable battery capacity
 * @param consumptionKwhPer100Km average consumption while driving
 * @param chargePowerKw power drawn from the home charger
 * @param chargeLimitPercent the car's own charge limit
 * @param initialBatteryPercent state of charge when the simulation starts
 * @param parkedDrainPercentPerDay vampire drain while parked and not charging
 * @param trips the weekly driving pattern
 */
@NonNullByDefault
public record SimulationProfile(String name, double capacityKwh, double consumptionKwhPer100Km, double chargePowerKw,
        double chargeLimitPercent, double initialBatteryPercent, double parkedDrainPercentPerDay, List<Trip> trips) {

    /**
     * A trip that leaves home and comes back on the given days.
     *
     * @param days days of the week the trip is made
     * @param depart departure time (household time zone)
     * @param back return time, after the departure on the same day
     * @param distanceKm total distance driven
     * @param bearingDegrees direction of the destination from home, for the simulated position
     */
    public record Trip(Set<DayOfWeek> days, LocalTime depart, LocalTime back, double distanceKm,
            double bearingDegrees) {
        public Trip {
            if (!back.isAfter(depart)) {
                throw new IllegalArgumentException("a trip must return after it departs: " + depart + "–" + back);
            }
            if (!(distanceKm >= 0)) {
                throw new IllegalArgumentException("distance_km must be >= 0");
            }
            days = Set.copyOf(days);
        }
    }

    public SimulationProfile {
        if (!(capacityKwh > 0) || !(consumptionKwhPer100Km > 0) || !(chargePowerKw > 0)) {
            throw new IllegalArgumentException("capacity, consumption and charge power must be positive");
        }
        if (!(initialBatteryPercent >= 0 && initialBatteryPercent <= 100)
                || !(chargeLimitPercent > 0 && chargeLimitPercent <= 100)) {
            throw new IllegalArgumentException("percentages must be 0–100");
        }
        trips = List.copyOf(trips);
    }

    public SimulationProfile withInitialBatteryPercent(double value) {
        return new SimulationProfile(name, capacityKwh, consumptionKwhPer100Km, chargePowerKw, chargeLimitPercent,
                value, parkedDrainPercentPerDay, trips);
    }

    /** The same car under another name: a second car of a kind drives and charges like the first. */
    public SimulationProfile withName(String value) {
        return new SimulationProfile(value, capacityKwh, consumptionKwhPer100Km, chargePowerKw, chargeLimitPercent,
                initialBatteryPercent, parkedDrainPercentPerDay, trips);
    }

    static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    /** A Tesla Model Y Long Range commuting 19 km each way, with a longer trip on Saturdays. */
    public static SimulationProfile teslaModelY() {
        return new SimulationProfile("Tesla Model Y", 75, 16.5, 11, 90, 64, 0.5,
                List.of(new Trip(WEEKDAYS, LocalTime.of(7, 40), LocalTime.of(16, 30), 38, 40),
                        new Trip(Set.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(15, 0), 120, 200)));
    }

    /** A Hyundai Ioniq 5 (77.4 kWh pack) commuting 28 km each way. */
    public static SimulationProfile ioniq5() {
        return new SimulationProfile("Hyundai Ioniq 5", 74, 18.5, 7.4, 90, 37, 0.3,
                List.of(new Trip(WEEKDAYS, LocalTime.of(8, 15), LocalTime.of(17, 30), 56, 300),
                        new Trip(Set.of(DayOfWeek.SUNDAY), LocalTime.of(12, 0), LocalTime.of(14, 0), 35, 120)));
    }
}
