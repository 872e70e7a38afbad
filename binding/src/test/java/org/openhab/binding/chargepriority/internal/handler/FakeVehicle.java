package org.openhab.binding.chargepriority.internal.handler;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * A "real" car for the tests: answers what the test set, counts how often it was read, and can fail.
 */
@NonNullByDefault
final class FakeVehicle implements VehicleService {

    private final String id;
    private final String name;
    private final DataSource source;
    private final Clock clock;
    final AtomicInteger fetches = new AtomicInteger();
    volatile double batteryPercent;
    volatile double rangeKm;
    volatile boolean charging;
    volatile @Nullable Double powerKw;
    volatile Location location = Location.HOME;
    volatile @Nullable String chargingState;
    volatile @Nullable VehicleException failure;
    volatile boolean closed;

    FakeVehicle(String id, String name, DataSource source, Clock clock, double batteryPercent, double rangeKm) {
        this.id = id;
        this.name = name;
        this.source = source;
        this.clock = clock;
        this.batteryPercent = batteryPercent;
        this.rangeKm = rangeKm;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DataSource source() {
        return source;
    }

    @Override
    public VehicleStatus fetch() throws VehicleException {
        fetches.incrementAndGet();
        VehicleException f = failure;
        if (f != null) {
            throw f;
        }
        // Positions as the real sources give them: the OBD adapter has none; the Fleet API's follows the location
        // (the household's geofence decides home/away from it).
        boolean positioned = source != DataSource.OBD && location != Location.UNKNOWN;
        Double latitude = positioned ? (location == Location.AWAY ? 60.0 : 59.9139) : null;
        Double longitude = positioned ? 10.7522 : null;
        return new VehicleStatus(name, batteryPercent, rangeKm, charging, charging, location, clock.instant(), false,
                powerKw, latitude, longitude, null, source, false, chargingState, false);
    }

    @Override
    public void close() {
        closed = true;
    }
}
