package org.openhab.binding.chargepriority.internal.vehicle.pushed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * A car whose values are given to the binding rather than read by it: from openHAB items (the {@code vehicle} Thing,
 * e.g. through the {@code follow} profile from another binding's state of charge), or over HTTP. Reading it costs
 * nothing. Values older than {@code maxAge} are stale, like a sleeping car's; without a state of charge there is
 * nothing to decide on, and {@link #fetch()} says so.
 */
@NonNullByDefault
public class PushedVehicle implements VehicleService {

    /** The car's own settings: for the range estimate when no range is given, and for staleness. */
    public record Settings(String name, double batteryCapacityKwh, double consumptionKwhPer100Km, Duration maxAge) {
        public Settings {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be empty");
            }
            if (!(batteryCapacityKwh > 0) || !(consumptionKwhPer100Km > 0)) {
                throw new IllegalArgumentException("battery capacity and consumption must be positive");
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive");
            }
        }
    }

    private final String id;
    private final Clock clock;
    private volatile Settings settings;

    // Guarded by "this".
    private @Nullable Double batteryPercent;
    private @Nullable Double rangeKm;
    private @Nullable Boolean charging;
    private @Nullable Double powerKw;
    private @Nullable Double latitude;
    private @Nullable Double longitude;
    private @Nullable Boolean atHome;
    private @Nullable Instant lastValue;

    @Override
    public @Nullable Double capacityKwh() {
        return settings.batteryCapacityKwh();
    }

    public PushedVehicle(String id, Settings settings, Clock clock) {
        this.id = id;
        this.settings = settings;
        this.clock = clock;
    }

    public void setSettings(Settings settings) {
        this.settings = settings;
    }

    /** @throws IllegalArgumentException outside 0–100 */
    public synchronized void batteryPercent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("state of charge must be 0–100 %, was " + percent);
        }
        batteryPercent = percent;
        touched();
    }

    /** @throws IllegalArgumentException when negative */
    public synchronized void rangeKm(double km) {
        if (!(km >= 0) || Double.isInfinite(km)) {
            throw new IllegalArgumentException("range must be a non-negative number of km, was " + km);
        }
        rangeKm = km;
        touched();
    }

    public synchronized void charging(boolean on) {
        charging = on;
        touched();
    }

    /** @throws IllegalArgumentException when negative */
    public synchronized void powerKw(double kw) {
        if (!(kw >= 0) || Double.isInfinite(kw)) {
            throw new IllegalArgumentException("charging power must be a non-negative number of kW, was " + kw);
        }
        powerKw = kw;
        touched();
    }

    /** @throws IllegalArgumentException outside WGS84 */
    public synchronized void position(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("position must be WGS84 latitude/longitude, was " + lat + "," + lon);
        }
        latitude = lat;
        longitude = lon;
        touched();
    }

    /** Home or away as given (a presence item); without it, the position and the home geofence decide. */
    public synchronized void atHome(boolean home) {
        atHome = home;
        touched();
    }

    private void touched() {
        lastValue = clock.instant();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public DataSource source() {
        return DataSource.PUSHED;
    }

    @Override
    public synchronized VehicleStatus fetch() throws VehicleException {
        Double soc = batteryPercent;
        Instant at = lastValue;
        if (soc == null || at == null) {
            throw new VehicleException(VehicleException.Kind.COMMUNICATION,
                    "No state of charge has been given for " + settings.name() + " yet");
        }
        Settings s = settings;
        Double range = rangeKm;
        boolean estimated = range == null;
        double km = range != null ? range : soc / 100 * s.batteryCapacityKwh() / s.consumptionKwhPer100Km() * 100;
        Boolean home = atHome;
        Location location = home != null ? (home ? Location.HOME : Location.AWAY) : Location.UNKNOWN;
        boolean on = Boolean.TRUE.equals(charging);
        boolean stale = Duration.between(at, clock.instant()).compareTo(s.maxAge()) > 0;
        return new VehicleStatus(s.name(), soc, Math.round(km * 10) / 10.0, on, null, location, at, false, powerKw,
                latitude, longitude, null, DataSource.PUSHED, stale, on ? "Charging" : null, estimated);
    }
}
