package org.openhab.binding.chargepriority.runtime;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Read-only look into a runtime's SQLite history file, opened beside the running runtime (the file is in
 * WAL mode, so reading does not block it).
 */
final class HistoryDatabase {

    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> TABLES = Set.of("battery_readings", "recommendations", "errors");

    private HistoryDatabase() {
    }

    /** Rows of a table per vehicle name (per service for {@code errors}). */
    static Map<String, Long> countsByVehicle(Path file, String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("Unknown table " + table);
        }
        String column = "errors".equals(table) ? "service" : "vehicle";
        String sql = "SELECT " + column + ", COUNT(*) FROM " + table + " GROUP BY " + column + " ORDER BY " + column;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Polls the readings per car until {@code done} accepts them or {@link #AWAIT_TIMEOUT} passes (updates
     * run in the background); returns the last counts either way.
     */
    static Map<String, Long> awaitReadings(Path file, Predicate<Map<String, Long>> done) {
        long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
        Map<String, Long> readings = countsByVehicle(file, "battery_readings");
        while (!done.test(readings) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            readings = countsByVehicle(file, "battery_readings");
        }
        return readings;
    }

    static long count(Path file, String table) {
        return countsByVehicle(file, table).values().stream().mapToLong(Long::longValue).sum();
    }
}
