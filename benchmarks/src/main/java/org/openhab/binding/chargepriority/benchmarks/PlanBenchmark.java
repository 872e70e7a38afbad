package org.openhab.binding.chargepriority.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openhab.binding.chargepriority.internal.core.plan.NightPlan;
import org.openhab.binding.chargepriority.internal.core.plan.NightPlanner;
import org.openhab.binding.chargepriority.internal.core.plan.PlanCar;
import org.openhab.binding.chargepriority.internal.core.plan.PlanRequest;
import org.openhab.binding.chargepriority.internal.core.plan.PriceSlot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code NightPlanner.plan} over 48 h of quarter-hours (192 slots) for 2 and 6 cars, with 1 (the default) and 2
 * allowed swaps. Prices are a seeded random series (the planner's time does not depend on their shape); the cars
 * leave at different times in the second morning and together need more than the charger can give.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main PlanBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {

    @Param({ "2", "6" })
    public int cars;

    @Param({ "1", "2" })
    public int maxSwaps;

    private final NightPlanner planner = new NightPlanner();
    private PlanRequest request;

    @Setup(Level.Trial)
    public void build() {
        Random rnd = new Random(192);
        Instant start = Instant.parse("2023-01-10T16:00:00Z");
        List<PriceSlot> slots = new ArrayList<>();
        for (int s = 0; s < 192; s++) {
            Instant from = start.plus(Duration.ofMinutes(15L * s));
            slots.add(new PriceSlot(from, from.plus(Duration.ofMinutes(15)), 0.2 + rnd.nextDouble() * 2.5));
        }
        List<PlanCar> list = new ArrayList<>();
        for (int c = 0; c < cars; c++) {
            Instant departure = start.plus(Duration.ofHours(39)).plus(Duration.ofMinutes(30L * c));
            list.add(new PlanCar("car" + c, "Car " + c, 10 + 5 * c, 74, 90, departure, true, 11, 20, 50, 18));
        }
        request = new PlanRequest(list, slots, 0.9, maxSwaps, "NOK");
    }

    @Benchmark
    public NightPlan plan() {
        return planner.plan(request);
    }
}
