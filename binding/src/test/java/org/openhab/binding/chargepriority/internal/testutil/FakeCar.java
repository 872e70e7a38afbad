package org.openhab.binding.chargepriority.internal.testutil;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * A "real" car for the tests (the Tesla over the Fleet API, or the Ioniq over OBD): answers what the test set, counts
 * how often it was read, can fail, and can hold a read open until the test releases it.
 */
@NonNullByDefault
public final class FakeCar implements VehicleService {

    private final String id;
    private final String name;
    private final DataSource source;
    private final Clock clock;
    public final AtomicInteger fetches = new AtomicInteger();
    /** Counted down when a read starts. */
    public final CountDownLatch entered = new CountDownLatch(1);
    /** A read waits (at most 20 s) until this is open. */
    public volatile CountDownLatch gate = new CountDownLatch(0);
    public volatile double batteryPercent;
    public volatile double rangeKm;
    public volatile boolean charging;
    public volatile @Nullable Double powerKw;
    public volatile Location location = Location.HOME;
    public volatile @Nullable String chargingState;
    public volatile @Nullable String address;
    public volatile @Nullable VehicleException failure;
    public volatile boolean closed;
    /** The usable battery the car's own data shows (a Tesla's last charge), or null. */
    public volatile @Nullable Double reportedCapacity;

    public FakeCar(String id, String name, DataSource source, Clock clock, double batteryPercent, double rangeKm) {
        this.id = id;
        this.name = name;
        this.source = source;
        this.clock = clock;
        this.batteryPercent = batteryPercent;
        this.rangeKm = rangeKm;
    }

    /** The real Tesla, parked at home at 55 %. */
    public static FakeCar tesla(Clock clock) {
        return parkedAtHome(clock, "tesla", "Tesla Model Y", DataSource.FLEET_API);
    }

    /** A car parked at home at 55 %, unplugged, with an address. */
    public static FakeCar parkedAtHome(Clock clock, String id, String name, DataSource source) {
        FakeCar car = new FakeCar(id, name, source, clock, 55, 260);
        car.powerKw = 0.0;
        car.chargingState = "Disconnected";
        car.address = "Storgata 1, Oslo";
        return car;
    }

    @Override
    public @Nullable Double reportedCapacityKwh() {
        return reportedCapacity;
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
        entered.countDown();
        try {
            gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                powerKw, latitude, longitude, address, source, false, chargingState, false);
    }

    @Override
    public void close() {
        closed = true;
    }
}
