package org.openhab.binding.chargepriority.internal.vehicle.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.SimulationProfile.Trip;

/**
 * A simulated car whose state follows the clock: it drives its weekly trips (the battery drains by distance ×
 * consumption), loses a little while parked, and charges at its charger power while connected at home, up to its
 * charge limit. Fully deterministic for a given clock, profile and start time.
 */
@NonNullByDefault
public class SimulatedVehicle implements VehicleService {

    private static final Duration STEP = Duration.ofMinutes(1);
    /** Catching up further than this after a long pause is pointless: the car would long be in steady state. */
    private static final Duration MAX_CATCH_UP = Duration.ofDays(30);
    private static final double EARTH_RADIUS_KM = 6371.0;

    private final String id;
    private final SimulationProfile profile;
    private final Clock clock;
    private final ZoneId zone;
    private final double homeLatitude;
    private final double homeLongitude;
    private final SimulatedCharger charger;

    private double soc;
    private Instant simulatedUntil;
    private boolean held;
    private boolean heldAtHome = true;
    private @Nullable Boolean pluggedInOverride;
    private boolean chargingAllowed = true;
    private @Nullable Trip currentTrip;

    public SimulatedVehicle(String id, SimulationProfile profile, Clock clock, double homeLatitude,
            double homeLongitude, SimulatedCharger charger) {
        this.id = id;
        this.profile = profile;
        this.clock = clock;
        this.zone = clock.getZone();
        this.homeLatitude = homeLatitude;
        this.homeLongitude = homeLongitude;
        this.charger = charger;
        this.soc = profile.initialBatteryPercent();
        this.simulatedUntil = clock.instant();
        this.currentTrip = tripAt(simulatedUntil);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public DataSource source() {
        return DataSource.SIMULATION;
    }

    @Override
    public @Nullable Double capacityKwh() {
        return profile.capacityKwh();
    }

    public SimulationProfile profile() {
        return profile;
    }

    @Override
    public synchronized VehicleStatus fetch() {
        Instant now = clock.instant();
        advanceTo(now);
        return status(now);
    }

    /** Applies a manual change, after bringing the car up to now; returns the resulting state. */
    /** Brings the simulation up to now with the charger as it was, before the charger is switched or moved. */
    public synchronized void catchUp() {
        advanceTo(clock.instant());
    }

    public synchronized VehicleStatus apply(SimulationOverride change) {
        Instant now = clock.instant();
        advanceTo(now);
        Double battery = change.batteryPercent();
        if (battery != null) {
            soc = battery;
        }
        if (Boolean.TRUE.equals(change.schedule())) {
            held = false;
            pluggedInOverride = null;
            chargingAllowed = true;
            currentTrip = tripAt(now);
        }
        Boolean atHome = change.atHome();
        if (atHome != null) {
            held = true;
            heldAtHome = atHome;
            currentTrip = null;
            if (!atHome) {
                pluggedInOverride = false;
                charger.release(id);
            }
        }
        Boolean plugged = change.pluggedIn();
        if (plugged != null) {
            holdWhereItIs();
            pluggedInOverride = plugged;
        }
        Boolean charging = change.charging();
        if (charging != null) {
            holdWhereItIs();
            chargingAllowed = charging;
            if (charging) {
                heldAtHome = true;
                pluggedInOverride = true;
            }
        }
        return status(now);
    }

    private void holdWhereItIs() {
        if (!held) {
            held = true;
            heldAtHome = currentTrip == null;
            currentTrip = null;
        }
    }

    private void advanceTo(Instant now) {
        if (!now.isAfter(simulatedUntil)) {
            return;
        }
        Instant t = simulatedUntil;
        if (Duration.between(t, now).compareTo(MAX_CATCH_UP) > 0) {
            t = now.minus(MAX_CATCH_UP);
        }
        while (t.isBefore(now)) {
            Instant next = t.plus(STEP);
            if (next.isAfter(now)) {
                next = now;
            }
            step(t, Duration.between(t, next));
            t = next;
        }
        simulatedUntil = now;
    }

    private void step(Instant t, Duration dt) {
        double hours = dt.toMillis() / 3_600_000.0;
        if (!held) {
            Trip trip = tripAt(t);
            if (trip != null && currentTrip == null) {
                charger.release(id);
            }
            currentTrip = trip;
        }
        Trip trip = currentTrip;
        if (trip != null) {
            double tripHours = Duration.between(trip.depart(), trip.back()).toMillis() / 3_600_000.0;
            double tripPercent = trip.distanceKm() * profile.consumptionKwhPer100Km() / 100 / profile.capacityKwh()
                    * 100;
            soc -= tripPercent * hours / tripHours;
        } else if (isCharging()) {
            soc += chargePowerKw() * hours / profile.capacityKwh() * 100;
            soc = Math.min(soc, profile.chargeLimitPercent());
        } else {
            soc -= profile.parkedDrainPercentPerDay() * hours / 24;
        }
        soc = Math.max(0, Math.min(100, soc));
    }

    private boolean atHome() {
        return held ? heldAtHome : currentTrip == null;
    }

    private boolean pluggedIn() {
        Boolean override = pluggedInOverride;
        return atHome() && (override != null ? override : charger.isConnected(id));
    }

    private boolean isCharging() {
        return pluggedIn() && chargingAllowed && (pluggedInOverride != null || charger.isOn())
                && soc < profile.chargeLimitPercent() - 0.05;
    }

    /** Full power up to 90 %, then tapering towards the limit as real cars do. */
    private double chargePowerKw() {
        double taperFrom = Math.min(90, profile.chargeLimitPercent());
        if (soc < taperFrom) {
            return profile.chargePowerKw();
        }
        return Math.max(1.4, profile.chargePowerKw() * 0.5);
    }

    private @Nullable Trip tripAt(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        for (Trip trip : profile.trips()) {
            if (trip.days().contains(local.getDayOfWeek()) && !time.isBefore(trip.depart())
                    && time.isBefore(trip.back())) {
                return trip;
            }
        }
        return null;
    }

    private VehicleStatus status(Instant now) {
        boolean home = atHome();
        boolean charging = isCharging();
        double lat = homeLatitude;
        double lon = homeLongitude;
        Trip trip = currentTrip;
        if (!home) {
            // Parked at the destination: a quarter of the round trip away from home, in the trip's direction.
            double km = trip != null ? Math.max(2, trip.distanceKm() / 4) : 5;
            double bearing = Math.toRadians(trip != null ? trip.bearingDegrees() : 90);
            lat = homeLatitude + Math.toDegrees(km / EARTH_RADIUS_KM) * Math.cos(bearing);
            lon = homeLongitude + Math.toDegrees(km / EARTH_RADIUS_KM) * Math.sin(bearing)
                    / Math.cos(Math.toRadians(homeLatitude));
        }
        double socRounded = Math.round(soc * 10) / 10.0;
        double range = Math.round(soc / 100 * profile.capacityKwh() / profile.consumptionKwhPer100Km() * 100 * 10)
                / 10.0;
        String state = charging ? "Charging"
                : pluggedIn() ? (soc >= profile.chargeLimitPercent() - 0.05 ? "Complete" : "Stopped")
                        : "Disconnected";
        return new VehicleStatus(profile.name(), socRounded, range, charging, pluggedIn(),
                home ? Location.HOME : Location.AWAY, now, true, charging ? chargePowerKw() : 0.0,
                Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5, home ? "Home" : null, DataSource.SIMULATION,
                false, state, true);
    }

    @Override
    public synchronized Map<String, Object> diagnostics() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("simulated", true);
        d.put("schedule_paused", held);
        d.put("capacity_kwh", profile.capacityKwh());
        d.put("charge_power_kw", profile.chargePowerKw());
        return d;
    }
}
