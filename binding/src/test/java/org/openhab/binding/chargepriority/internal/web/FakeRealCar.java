package org.openhab.binding.chargepriority.internal.web;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;

/**
 * Stands in for a real car (the Tesla over the Fleet API, or the Ioniq over OBD): a fixed state, and optionally a read
 * that waits until the test releases it, to hold an update open.
 */
final class FakeRealCar implements VehicleService {

    private final Clock clock;
    private final String id;
    private final String name;
    private final DataSource source;
    final AtomicInteger fetches = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    /** The real Tesla. */
    FakeRealCar(Clock clock) {
        this(clock, "tesla", "Tesla Model Y", DataSource.FLEET_API);
    }

    FakeRealCar(Clock clock, String id, String name, DataSource source) {
        this.clock = clock;
        this.id = id;
        this.name = name;
        this.source = source;
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
    public VehicleStatus fetch() {
        fetches.incrementAndGet();
        entered.countDown();
        try {
            gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new VehicleStatus(name, 55, 260, false, false, Location.HOME, clock.instant(), false, 0.0, 59.9139,
                10.7522, "Storgata 1, Oslo", source, false, "Disconnected", false);
    }
}
