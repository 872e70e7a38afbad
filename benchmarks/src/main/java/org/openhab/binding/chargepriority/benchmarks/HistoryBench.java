package org.openhab.binding.chargepriority.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.store.Reading;
import org.openhab.binding.chargepriority.internal.web.StatusJson;


/**
 * The history store at full scale: 90 days of one update a minute for two cars, written, queried, cleaned up.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     org.openhab.binding.chargepriority.benchmarks.HistoryBench [database file]
 * </pre>
 *
 * The database (default benchmarks/target/history/data/charging_manager.db) is created anew, and is left filled
 * (before the cleanup steps, a copy {@code <file>.90d} is kept) so the HTTP history benchmark can serve it.
 */
public final class HistoryBench {

    private static final int DAYS = 90;

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args.length > 0 ? args[0] : "benchmarks/target/history/data/charging_manager.db");
        deleteDatabase(db);
        Files.createDirectories(db.toAbsolutePath().getParent());
        System.out.printf(Locale.ROOT, "# %s, %d cores, Java %s, SQLite file %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), db);

        HistoryFixture.Fill fill;
        long fillStart = System.nanoTime();
        try (HistoryStore store = new HistoryStore(db)) {
            fill = HistoryFixture.fill(store, DAYS, Integer.getInteger("cars", 2));
        }
        double wall = (System.nanoTime() - fillStart) / 1e9;
        long[] save = fill.saveNanos().clone();
        Arrays.sort(save);
        double inStore = Arrays.stream(save).sum() / 1e9;
        System.out.printf(Locale.ROOT,
                "fill: %d updates (%d readings + %d recommendations) in %.1f s of saveUpdate (%.1f s with the simulation)%n",
                fill.updates(), fill.readings(), fill.recommendations(), inStore, wall);
        System.out.printf(Locale.ROOT, "insert rate: %.0f updates/s = %.0f rows/s; saveUpdate p50 %.3f ms, p99 %.3f ms, max %.1f ms%n",
                fill.updates() / inStore, (fill.readings() + fill.recommendations()) / inStore, ms(pct(save, 50)),
                ms(pct(save, 99)), ms(save[save.length - 1]));
        System.out.printf(Locale.ROOT, "size after the fill: %s%n", size(db));
        Files.copy(db, db.resolveSibling(db.getFileName() + ".90d"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (HistoryStore store = new HistoryStore(db)) {
            Instant end = fill.end();
            System.out.println("query                          rows   first (cold) ms   median ms   min ms   JSON ms   JSON MB");
            for (int hours : new int[] { 24, 168, 2160 }) {
                Instant from = end.minus(Duration.ofHours(hours));
                long t0 = System.nanoTime();
                List<Reading> rows = store.readings(from, end.plusSeconds(1), null);
                long cold = System.nanoTime() - t0;
                long[] times = new long[9];
                for (int i = 0; i < 3; i++) {
                    store.readings(from, end.plusSeconds(1), null);
                }
                for (int i = 0; i < times.length; i++) {
                    t0 = System.nanoTime();
                    rows = store.readings(from, end.plusSeconds(1), null);
                    times[i] = System.nanoTime() - t0;
                }
                Arrays.sort(times);
                long[] json = new long[5];
                long bytes = 0;
                for (int i = 0; i < json.length; i++) {
                    t0 = System.nanoTime();
                    bytes = toJsonBytes(rows);
                    json[i] = System.nanoTime() - t0;
                }
                Arrays.sort(json);
                System.out.printf(Locale.ROOT, "readings %-6s %12d   %15.1f   %9.1f   %6.1f   %7.1f   %7.1f%n",
                        label(hours), rows.size(), ms(cold), ms(times[times.length / 2]), ms(times[0]),
                        ms(json[json.length / 2]), bytes / 1e6);
            }
            for (Duration step : new Duration[] { Duration.ofMinutes(30), Duration.ofHours(1) }) {
                Instant from = end.minus(Duration.ofDays(90));
                long[] times = new long[7];
                List<Reading> rows = List.of();
                for (int i = 0; i < 2; i++) {
                    store.readingsSampled(from, end.plusSeconds(1), step);
                }
                for (int i = 0; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    rows = store.readingsSampled(from, end.plusSeconds(1), step);
                    times[i] = System.nanoTime() - t0;
                }
                Arrays.sort(times);
                long t0 = System.nanoTime();
                long bytes = toJsonBytes(rows);
                System.out.printf(Locale.ROOT,
                        "readingsSampled 90 d, step %-6s %7d rows   median %.1f ms, min %.1f ms; JSON %.1f ms, %.2f MB%n",
                        step.toMinutes() + " min", rows.size(), ms(times[times.length / 2]), ms(times[0]),
                        ms(System.nanoTime() - t0), bytes / 1e6);
            }
            long tl = System.nanoTime();
            store.lastReading("Tesla Model Y");
            System.out.printf(Locale.ROOT, "lastReading (read at start-up): %.1f ms%n", ms(System.nanoTime() - tl));
            for (int hours : new int[] { 24, 2160 }) {
                Instant from = end.minus(Duration.ofHours(hours));
                long[] times = new long[5];
                int n = 0;
                for (int i = 0; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    n = store.recommendations(from, end.plusSeconds(1), null).size();
                    times[i] = System.nanoTime() - t0;
                }
                Arrays.sort(times);
                System.out.printf(Locale.ROOT, "recommendations %-6s %5d   median %.1f ms%n", label(hours), n,
                        ms(times[times.length / 2]));
            }

            // The daily retention cleanup in steady state: one day of rows past the 90 days.
            Instant dayCutoff = fill.start().plus(Duration.ofDays(1));
            long t0 = System.nanoTime();
            long deleted = store.deleteOlderThan(dayCutoff);
            System.out.printf(Locale.ROOT, "daily cleanup (1 day, retention 90 d): %d rows in %.1f ms; size now %s%n",
                    deleted, ms(System.nanoTime() - t0), size(db));

            // An update's wait while a large cleanup runs (retention lowered from 90 to 60 days: 30 days at once).
            long[] quiet = writeWhile(store, end, () -> false, Duration.ofSeconds(3));
            AtomicBoolean cleaning = new AtomicBoolean(true);
            long[] cleanupNanos = new long[1];
            long[] deletedBig = new long[1];
            Thread cleaner = new Thread(() -> {
                long c0 = System.nanoTime();
                deletedBig[0] = store.deleteOlderThan(end.minus(Duration.ofDays(60)));
                cleanupNanos[0] = System.nanoTime() - c0;
                cleaning.set(false);
            }, "cleanup");
            cleaner.start();
            long[] during = writeWhile(store, end.plus(Duration.ofDays(1)), cleaning::get, Duration.ZERO);
            cleaner.join();
            System.out.printf(Locale.ROOT, "big cleanup (30 days): %d rows in %.0f ms, concurrently with %d saveUpdate calls%n",
                    deletedBig[0], ms(cleanupNanos[0]), during.length);
            System.out.printf(Locale.ROOT, "saveUpdate alone:          p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d calls)%n",
                    ms(pct(quiet, 50)), ms(pct(quiet, 99)), ms(quiet[quiet.length - 1]), quiet.length);
            System.out.printf(Locale.ROOT, "saveUpdate during cleanup: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d calls)%n",
                    ms(pct(during, 50)), ms(pct(during, 99)), ms(during[during.length - 1]), during.length);
            System.out.printf(Locale.ROOT, "size after the cleanups: %s%n", size(db));
        }
    }

    /**
     * Calls saveUpdate every millisecond or so: for {@code min} at least, and for as long as {@code go} says so.
     *
     * @return the duration of each call, sorted
     */
    private static long[] writeWhile(HistoryStore store, Instant base, BooleanSupplier go, Duration min)
            throws InterruptedException {
        List<Long> times = new ArrayList<>();
        long until = System.nanoTime() + min.toNanos();
        for (int i = 0; go.getAsBoolean() || System.nanoTime() < until; i++) {
            Instant ts = base.plusMillis(i);
            VehicleStatus s = new VehicleStatus("Bench car", 50, 200, false, false, Location.HOME, ts, true, null,
                    59.9, 10.7, "Home", DataSource.SIMULATION, false, "Disconnected", true);
            long t0 = System.nanoTime();
            store.saveUpdate(ts, List.of(s), Map.of());
            times.add(System.nanoTime() - t0);
            Thread.sleep(1);
        }
        long[] out = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    static long toJsonBytes(List<Reading> rows) {
        // Exactly what /api/history streams per reading.
        ZoneId zone = ZoneId.of("Europe/Oslo");
        StringBuilder sb = new StringBuilder(rows.size() * 330);
        sb.append("{\"readings\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(StatusJson.reading(rows.get(i), zone));
        }
        sb.append("]}");
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String label(int hours) {
        return hours % 24 == 0 ? hours / 24 + " d" : hours + " h";
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String size(Path db) throws IOException {
        long main = Files.size(db);
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        long w = Files.exists(wal) ? Files.size(wal) : 0;
        return String.format(Locale.ROOT, "%.1f MB (+ %.1f MB WAL)", main / 1e6, w / 1e6);
    }

    private static void deleteDatabase(Path db) throws IOException {
        for (String suffix : new String[] { "", "-wal", "-shm" }) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
    }
}
