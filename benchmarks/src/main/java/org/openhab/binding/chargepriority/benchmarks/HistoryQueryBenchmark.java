package org.openhab.binding.chargepriority.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.store.Reading;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code HistoryStore.readings} over 24 h, 7 d and 90 d of a full 90-day history (one reading a minute per car), the
 * query behind {@code GET /api/history?hours=...}. Uses the database HistoryBench leaves
 * ({@code benchmarks/target/history/data/charging_manager.db.90d}, copied), or fills a new one.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main HistoryQueryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryQueryBenchmark {

    @Param({ "24", "168", "2160" })
    public int hours;

    private HistoryStore store;
    private Instant from;
    private Instant to;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path dir = Path.of("benchmarks/target/jmh-history");
        Files.createDirectories(dir);
        Path db = dir.resolve("history.db");
        for (String suffix : new String[] { "", "-wal", "-shm" }) {
            Files.deleteIfExists(dir.resolve("history.db" + suffix));
        }
        Path prepared = Path.of("benchmarks/target/history/data/charging_manager.db.90d");
        Instant end;
        if (Files.isRegularFile(prepared)) {
            Files.copy(prepared, db, StandardCopyOption.REPLACE_EXISTING);
            store = new HistoryStore(db);
            Reading last = store.lastReading("Tesla Model Y");
            end = last == null ? Instant.now() : last.timestamp();
        } else {
            store = new HistoryStore(db);
            end = HistoryFixture.fill(store, 90).end();
        }
        to = end.plusSeconds(1);
        from = end.minus(Duration.ofHours(hours));
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public List<Reading> readings() {
        return store.readings(from, to, null);
    }
}
