package org.openhab.binding.chargepriority.internal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * The household's own history in one SQLite file (WAL mode): the original schema's {@code battery_readings},
 * {@code recommendations} and {@code errors}, plus {@code source} and {@code stale} on readings. The schema version is
 * kept in {@code PRAGMA user_version}; newer versions migrate older files in place, never dropping data.
 *
 * <p>
 * One connection writes (each update is one transaction, so a crash loses at most that update) and another reads, so
 * a long history query never holds up an update.
 */
@NonNullByDefault
public class HistoryStore implements AutoCloseable {

    /** Timestamps are stored as fixed-width UTC text, which sorts like the instants it names. */
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final int SCHEMA_VERSION = 3;
    private static final int CLEANUP_BATCH = 5000;

    private final Logger logger = LoggerFactory.getLogger(HistoryStore.class);
    private final Path file;
    /**
     * Fair, so an update waiting while the retention cleanup deletes batch after batch gets the connection after the
     * current batch (an unfair monitor let the cleanup take it back at once, and an update waited for all of it).
     */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Object readLock = new Object();
    private final Connection writer;
    private final Connection reader;

    public HistoryStore(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5000);
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            // Direct driver use: inside OSGi, DriverManager cannot see the embedded driver.
            writer = new JDBC().connect(url, config.toProperties());
            migrate();
            reader = new JDBC().connect(url, config.toProperties());
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("Cannot open the history database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    private void migrate() throws SQLException {
        try (Statement st = writer.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                logger.warn("History database {} has schema version {}, newer than this binding's {}", file, version,
                        SCHEMA_VERSION);
                return;
            }
            writer.setAutoCommit(false);
            if (version < 1) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS battery_readings (" //
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp DATETIME NOT NULL, vehicle TEXT NOT NULL, "
                        + "battery_percent REAL NOT NULL, range_km REAL NOT NULL, location TEXT, is_charging BOOLEAN, "
                        + "is_mock BOOLEAN DEFAULT 0, charging_rate_kw REAL, latitude REAL, longitude REAL, address TEXT)");
                st.executeUpdate("CREATE TABLE IF NOT EXISTS recommendations (" //
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp DATETIME NOT NULL, vehicle TEXT NOT NULL, "
                        + "action TEXT NOT NULL, reason TEXT, battery_percent REAL, threshold REAL, priority_score REAL)");
                st.executeUpdate("CREATE TABLE IF NOT EXISTS errors (" //
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp DATETIME NOT NULL, service TEXT NOT NULL, "
                        + "error_type TEXT, message TEXT)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_readings_timestamp ON battery_readings(timestamp)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_readings_vehicle ON battery_readings(vehicle)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_recommendations_timestamp ON recommendations(timestamp)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_recommendations_vehicle ON recommendations(vehicle)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_errors_timestamp ON errors(timestamp)");
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_errors_service ON errors(service)");
            }
            if (version < 2) {
                st.executeUpdate("ALTER TABLE battery_readings ADD COLUMN source TEXT");
                st.executeUpdate("ALTER TABLE battery_readings ADD COLUMN stale BOOLEAN DEFAULT 0");
                // Rows from the original system hold "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC); bring them to the sortable
                // form every query compares against.
                for (String table : List.of("battery_readings", "recommendations", "errors")) {
                    st.executeUpdate("UPDATE " + table + " SET timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', timestamp)"
                            + " WHERE timestamp NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', timestamp) IS NOT NULL");
                }
            }
            if (version < 3) {
                // One index seek per vehicle and bucket for readingsSampled; also serves lastReading. It covers every
                // use of the original (vehicle) index, which would only cost every insert.
                st.executeUpdate("CREATE INDEX IF NOT EXISTS idx_readings_vehicle_timestamp"
                        + " ON battery_readings(vehicle, timestamp)");
                st.executeUpdate("DROP INDEX IF EXISTS idx_readings_vehicle");
            }
            st.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
            writer.commit();
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            writer.rollback();
            writer.setAutoCommit(true);
            throw e;
        }
    }

    /**
     * Writes one update in one transaction: a reading per car and a recommendation per car.
     *
     * @param statuses the cars' statuses, by vehicle name order
     * @param recommendations recommendation per vehicle name
     */
    public void saveUpdate(Instant timestamp, List<VehicleStatus> statuses, Map<String, Recommendation> recommendations) {
        writeLock.lock();
        try {
            try {
                writer.setAutoCommit(false);
                try (PreparedStatement r = writer.prepareStatement(
                        "INSERT INTO battery_readings (timestamp, vehicle, battery_percent, range_km, location, is_charging,"
                                + " is_mock, charging_rate_kw, latitude, longitude, address, source, stale)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
                        PreparedStatement c = writer.prepareStatement(
                                "INSERT INTO recommendations (timestamp, vehicle, action, reason, battery_percent,"
                                        + " threshold, priority_score) VALUES (?,?,?,?,?,?,?)")) {
                    String ts = TS.format(timestamp);
                    for (VehicleStatus s : statuses) {
                        // Old values (stale: a sleeping car, a failed read) are stored at the time the car reported
                        // them, so the charts do not show them as new; fresh ones at the update's time, with its
                        // recommendations.
                        r.setString(1, s.stale() ? TS.format(s.lastUpdated()) : ts);
                        r.setString(2, s.vehicleName());
                        r.setDouble(3, s.batteryPercent());
                        r.setDouble(4, s.rangeKm());
                        r.setString(5, s.location().json());
                        r.setBoolean(6, s.charging());
                        r.setBoolean(7, s.mock());
                        setDouble(r, 8, s.chargingPowerKw());
                        setDouble(r, 9, s.latitude());
                        setDouble(r, 10, s.longitude());
                        r.setString(11, s.address());
                        r.setString(12, s.source().json());
                        r.setBoolean(13, s.stale());
                        r.addBatch();
                    }
                    for (Map.Entry<String, Recommendation> e : recommendations.entrySet()) {
                        Recommendation rec = e.getValue();
                        c.setString(1, ts);
                        c.setString(2, e.getKey());
                        c.setString(3, rec.action().name());
                        c.setString(4, rec.reason());
                        c.setDouble(5, rec.batteryPercent());
                        c.setDouble(6, rec.threshold());
                        c.setDouble(7, rec.priorityScore());
                        c.addBatch();
                    }
                    r.executeBatch();
                    c.executeBatch();
                    writer.commit();
                } catch (SQLException e) {
                    writer.rollback();
                    throw e;
                } finally {
                    writer.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("Cannot save the update: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    public void saveError(Instant timestamp, String service, @Nullable String errorType, @Nullable String message) {
        writeLock.lock();
        try {
            try (PreparedStatement st = writer
                    .prepareStatement("INSERT INTO errors (timestamp, service, error_type, message) VALUES (?,?,?,?)")) {
                st.setString(1, TS.format(timestamp));
                st.setString(2, service);
                st.setString(3, errorType);
                st.setString(4, message);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("Cannot save an error: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Readings in [from, to), oldest first, optionally for one vehicle name. */
    public List<Reading> readings(Instant from, Instant to, @Nullable String vehicle) {
        return query(READING_SELECT + " WHERE timestamp >= ? AND timestamp < ?"
                + (vehicle != null ? " AND vehicle = ?" : "") + " ORDER BY timestamp, id", from, to, vehicle,
                HistoryStore::reading);
    }

    /**
     * Readings in [from, to) thinned out for a chart of a long window: per vehicle, the first reading of each
     * {@code step}-long bucket counted from {@code from}; oldest first. A bucket without a reading gives none. Each
     * bucket is one index seek, so the time grows with the number of buckets, not with the readings in the window
     * (90 days of one reading a minute per car are 260,000 rows; at a step of one hour, 4,320 are read).
     */
    public List<Reading> readingsSampled(Instant from, Instant to, Duration step) {
        long stepSeconds = Math.max(1, step.toSeconds());
        long buckets = Math.max(0, (Duration.between(from, to).toSeconds() + stepSeconds - 1) / stepSeconds);
        // v: the distinct vehicles by index jumps; b: bucket numbers; p: the first reading per vehicle and bucket.
        String sql = "WITH RECURSIVE" //
                + " v(name) AS (SELECT (SELECT min(vehicle) FROM battery_readings) UNION ALL"
                + " SELECT (SELECT min(vehicle) FROM battery_readings WHERE vehicle > v.name) FROM v"
                + " WHERE v.name IS NOT NULL)," //
                // each bucket's bounds computed once, not once per vehicle (strftime is most of a seek's cost)
                + " b(k, lo, hi) AS (SELECT 0, ?1, min(?2, strftime('%Y-%m-%dT%H:%M:%fZ', ?1, '+' || ?3 || ' seconds'))"
                + " WHERE ?4 > 0 UNION ALL SELECT k + 1, hi,"
                + " min(?2, strftime('%Y-%m-%dT%H:%M:%fZ', ?1, '+' || ((k + 2) * ?3) || ' seconds')) FROM b"
                + " WHERE k + 1 < ?4),"
                + " p(id) AS (SELECT (SELECT r.id FROM battery_readings r WHERE r.vehicle = v.name"
                + " AND r.timestamp >= b.lo AND r.timestamp < b.hi"
                + " ORDER BY r.timestamp, r.id LIMIT 1) FROM b, v WHERE v.name IS NOT NULL) "
                + READING_SELECT + " WHERE id IN (SELECT id FROM p) ORDER BY timestamp, id";
        synchronized (readLock) {
            try (PreparedStatement st = reader.prepareStatement(sql)) {
                st.setString(1, TS.format(from));
                st.setString(2, TS.format(to));
                st.setLong(3, stepSeconds);
                st.setLong(4, buckets);
                List<Reading> result = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        result.add(reading(rs));
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new StoreException("Cannot read the history: " + e.getMessage(), e);
            }
        }
    }

    private static final String READING_SELECT = "SELECT id, timestamp, vehicle, battery_percent, range_km, location,"
            + " is_charging, is_mock, charging_rate_kw, latitude, longitude, address, source, stale FROM battery_readings";

    private static Reading reading(ResultSet rs) throws SQLException {
        return new Reading(rs.getLong(1), parse(rs.getString(2)), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), getDouble(rs, 9), getDouble(rs, 10),
                getDouble(rs, 11), rs.getString(12), rs.getString(13), rs.getBoolean(14));
    }

    /** The newest reading of a vehicle, or null when there is none. */
    public @Nullable Reading lastReading(String vehicle) {
        List<Reading> rows = query(READING_SELECT + " WHERE timestamp >= ? AND timestamp < ? AND vehicle = ?"
                + " ORDER BY timestamp DESC, id DESC LIMIT 1", Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"),
                vehicle, HistoryStore::reading);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The last stored state of charge of a simulated car, so a restarted simulation continues from it. */
    public @Nullable Double lastSimulatedBatteryPercent(String vehicle) {
        Reading last = lastReading(vehicle);
        return last != null && last.mock() ? last.batteryPercent() : null;
    }

    /** Recommendations in [from, to), oldest first, optionally for one vehicle name. */
    public List<StoredRecommendation> recommendations(Instant from, Instant to, @Nullable String vehicle) {
        String sql = "SELECT id, timestamp, vehicle, action, reason, battery_percent, threshold, priority_score"
                + " FROM recommendations WHERE timestamp >= ? AND timestamp < ?"
                + (vehicle != null ? " AND vehicle = ?" : "") + " ORDER BY timestamp, id";
        return query(sql, from, to, vehicle,
                rs -> new StoredRecommendation(rs.getLong(1), parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
    }

    /** Errors in [from, to), newest first, optionally for one service. */
    public List<StoredError> errors(Instant from, Instant to, @Nullable String service) {
        String sql = "SELECT id, timestamp, service, error_type, message FROM errors WHERE timestamp >= ? AND timestamp < ?"
                + (service != null ? " AND service = ?" : "") + " ORDER BY timestamp DESC, id DESC";
        return query(sql, from, to, service, rs -> new StoredError(rs.getLong(1), parse(rs.getString(2)),
                rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    /**
     * Deletes everything older than the cut-off in small batches, so an update waiting for the write lock never waits
     * long.
     *
     * @return the number of rows deleted
     */
    public long deleteOlderThan(Instant cutoff) {
        String ts = TS.format(cutoff);
        long total = 0;
        for (String table : List.of("battery_readings", "recommendations", "errors")) {
            String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                    + " WHERE timestamp < ? LIMIT " + CLEANUP_BATCH + ")";
            int deleted;
            do {
                writeLock.lock();
                try {
                    try (PreparedStatement st = writer.prepareStatement(sql)) {
                        st.setString(1, ts);
                        deleted = st.executeUpdate();
                    } catch (SQLException e) {
                        throw new StoreException("Cannot delete old history: " + e.getMessage(), e);
                    }
                } finally {
                    writeLock.unlock();
                }
                total += deleted;
            } while (deleted == CLEANUP_BATCH);
        }
        if (total > 0) {
            writeLock.lock();
            try {
                try (Statement st = writer.createStatement()) {
                    st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException e) {
                    logger.debug("WAL checkpoint after cleanup failed: {}", e.getMessage());
                }
            } finally {
                writeLock.unlock();
            }
        }
        return total;
    }

    /** Row counts per table, for diagnostics and tests. */
    public long count(String table) {
        if (!List.of("battery_readings", "recommendations", "errors").contains(table)) {
            throw new IllegalArgumentException("Unknown table " + table);
        }
        synchronized (readLock) {
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw new StoreException("Cannot count " + table + ": " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Instant from, Instant to, @Nullable String filter, RowMapper<T> mapper) {
        synchronized (readLock) {
            try (PreparedStatement st = reader.prepareStatement(sql)) {
                st.setString(1, TS.format(from));
                st.setString(2, TS.format(to));
                if (filter != null) {
                    st.setString(3, filter);
                }
                List<T> result = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        result.add(mapper.map(rs));
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new StoreException("Cannot read the history: " + e.getMessage(), e);
            }
        }
    }

    private static void setDouble(PreparedStatement st, int index, @Nullable Double value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.REAL);
        } else {
            st.setDouble(index, value);
        }
    }

    private static @Nullable Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }

    private static Instant parse(String text) {
        // Also accepts rows written by other tools in ISO-8601 without milliseconds or zone.
        if (text.endsWith("Z")) {
            return Instant.parse(text);
        }
        return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            synchronized (readLock) {
                closeQuietly(reader);
                closeQuietly(writer);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            logger.debug("Closing the history database failed: {}", e.getMessage());
        }
    }
}
