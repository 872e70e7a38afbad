package org.openhab.binding.chargepriority.internal.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhab.binding.chargepriority.internal.model.ChargeAction;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.sqlite.JDBC;

/**
 * The history store on a real SQLite file.
 */
class HistoryStoreTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    static VehicleStatus status(String name, double soc, Instant at) {
        return new VehicleStatus(name, soc, soc * 4.5, false, false, Location.HOME, at, true, null, 59.91, 10.75,
                "Storgata 1, Oslo", DataSource.SIMULATION, false, "Disconnected", true);
    }

    static Recommendation rec(double soc, Instant at) {
        return new Recommendation(ChargeAction.CHARGE, "below threshold", "under grensen", at, soc, 80, 20);
    }

    private void writeHours(HistoryStore store, int hours) {
        for (int h = 0; h < hours; h++) {
            Instant t = T0.plus(Duration.ofHours(h));
            store.saveUpdate(t, List.of(status("Tesla Model Y", 50 + h % 30, t), status("Hyundai Ioniq 5", 40, t)),
                    Map.of("Tesla Model Y", rec(50, t), "Hyundai Ioniq 5", rec(40, t)));
        }
    }

    @Test
    void writesAndQueriesByWindowAndVehicle() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            writeHours(store, 48);
            List<Reading> day2 = store.readings(T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(48)), null);
            assertEquals(48, day2.size());
            assertEquals(T0.plus(Duration.ofHours(24)), day2.get(0).timestamp());
            List<Reading> tesla = store.readings(T0, T0.plus(Duration.ofDays(3)), "Tesla Model Y");
            assertEquals(48, tesla.size());
            assertTrue(tesla.stream().allMatch(r -> r.vehicle().equals("Tesla Model Y")));
            Reading first = tesla.get(0);
            assertEquals(50, first.batteryPercent());
            assertEquals(225, first.rangeKm());
            assertEquals("home", first.location());
            assertEquals("Storgata 1, Oslo", first.address());
            assertEquals("simulation", first.source());
            assertEquals(59.91, first.latitude());
            assertNull(first.chargingRateKw());
            assertTrue(first.mock());
            // [from, to): the upper bound is exclusive
            assertEquals(2, store.readings(T0, T0.plus(Duration.ofHours(1)), null).size());
            List<StoredRecommendation> recs = store.recommendations(T0, T0.plus(Duration.ofHours(2)), "Hyundai Ioniq 5");
            assertEquals(2, recs.size());
            assertEquals("CHARGE", recs.get(0).action());
        }
    }

    @Test
    void sampledReadingsKeepTheFirstReadingOfEachCarInEachStep() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            writeHours(store, 48);

            List<Reading> sampled = store.readingsSampled(T0, T0.plus(Duration.ofHours(48)), Duration.ofHours(6));

            assertEquals(16, sampled.size(), "8 steps of 6 h, 2 cars");
            for (int i = 0; i < 16; i++) {
                assertEquals(T0.plus(Duration.ofHours(6L * (i / 2))), sampled.get(i).timestamp(), "oldest first");
            }
            assertEquals(8, sampled.stream().filter(r -> r.vehicle().equals("Tesla Model Y")).count());
            assertEquals(56, sampled.get(2).batteryPercent() + sampled.get(3).batteryPercent() - 40, 1e-9,
                    "the reading at 06:00 itself");
            // The upper bound stays exclusive, also inside the last step.
            assertEquals(4, store.readingsSampled(T0, T0.plus(Duration.ofHours(7)), Duration.ofHours(6)).size());
        }
    }

    @Test
    void sampledReadingsWithAStepShorterThanTheIntervalAreAllReadings() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            writeHours(store, 10);
            Instant to = T0.plus(Duration.ofHours(10));

            assertEquals(store.readings(T0, to, null), store.readingsSampled(T0, to, Duration.ofMinutes(15)));
            assertEquals(List.of(), store.readingsSampled(to, to, Duration.ofHours(1)), "an empty window");
            assertEquals(List.of(), store.readingsSampled(T0.minus(Duration.ofDays(1)), T0, Duration.ofHours(1)));
        }
    }

    @Test
    void errorsNewestFirst() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            store.saveError(T0, "tesla_service", "COMMUNICATION", "timeout");
            store.saveError(T0.plusSeconds(60), "ioniq_service", "COMMUNICATION", "NO DATA");
            List<StoredError> errors = store.errors(T0, T0.plusSeconds(3600), null);
            assertEquals(List.of("NO DATA", "timeout"), errors.stream().map(StoredError::message).toList());
            assertEquals(1, store.errors(T0, T0.plusSeconds(3600), "tesla_service").size());
        }
    }

    @Test
    void retentionDeletesOnlyOldRows() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            writeHours(store, 24 * 10); // 10 days
            store.saveError(T0, "x", "y", "old");
            long deleted = store.deleteOlderThan(T0.plus(Duration.ofDays(7)));
            assertEquals(7 * 24 * 2 * 2 + 1, deleted);
            assertEquals(3 * 24 * 2, store.count("battery_readings"));
            assertEquals(0, store.readings(T0, T0.plus(Duration.ofDays(7)), null).size());
            assertEquals(3 * 24 * 2, store.readings(T0, T0.plus(Duration.ofDays(11)), null).size());
        }
    }

    @Test
    void survivesReopen() {
        Path file = dir.resolve("h.db");
        try (HistoryStore store = new HistoryStore(file)) {
            writeHours(store, 5);
        }
        try (HistoryStore store = new HistoryStore(file)) {
            assertEquals(10, store.count("battery_readings"));
            writeHours(store, 1);
            assertEquals(12, store.count("battery_readings"));
        }
    }

    @Test
    void upgradesAnOriginalSchemaFileKeepingItsRows() throws Exception {
        Path file = dir.resolve("original.db");
        try (Connection c = new JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
                Statement st = c.createStatement()) {
            // The original Python system's table (no source/stale, no user_version) with one row in its format.
            st.executeUpdate("CREATE TABLE battery_readings (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp DATETIME NOT NULL,"
                    + " vehicle TEXT NOT NULL, battery_percent REAL NOT NULL, range_km REAL NOT NULL, location TEXT,"
                    + " is_charging BOOLEAN, is_mock BOOLEAN DEFAULT 0, charging_rate_kw REAL, latitude REAL,"
                    + " longitude REAL, address TEXT)");
            st.executeUpdate("INSERT INTO battery_readings (timestamp, vehicle, battery_percent, range_km, location)"
                    + " VALUES ('2026-11-01 10:00:00.000000', 'Tesla Model Y', 61.0, 280.0, 'home')");
        }
        try (HistoryStore store = new HistoryStore(file)) {
            List<Reading> rows = store.readings(T0, T0.plus(Duration.ofDays(1)), null);
            assertEquals(1, rows.size());
            assertEquals(61.0, rows.get(0).batteryPercent());
            assertEquals(Instant.parse("2026-11-01T10:00:00Z"), rows.get(0).timestamp());
            writeHours(store, 1);
            assertEquals(3, store.count("battery_readings"));
        }
        try (Connection c = new JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            assertEquals(HistoryStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }

    @Test
    void usesWalJournal() throws Exception {
        Path file = dir.resolve("h.db");
        try (HistoryStore store = new HistoryStore(file)) {
            writeHours(store, 1);
            assertTrue(Files.exists(dir.resolve("h.db-wal")), "WAL file expected while open");
        }
    }

    @Test
    void aReadOnlyFileGivesAStoreErrorNotACrash() throws Exception {
        Path file = dir.resolve("h.db");
        try (HistoryStore store = new HistoryStore(file)) {
            writeHours(store, 1);
        }
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        Path copy = ro.resolve("h.db");
        Files.copy(file, copy);
        try (HistoryStore store = new HistoryStore(copy)) {
            copy.toFile().setWritable(false);
            ro.toFile().setWritable(false);
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(copy),
                    "running as a user who may write read-only files (root): see the disk-full test instead");
            StoreException e = assertThrows(StoreException.class, () -> writeHours(store, 1));
            assertTrue(e.getMessage().startsWith("Cannot save the update"), e.getMessage());
            assertEquals(2, store.count("battery_readings"), "nothing half-written");
        } finally {
            ro.toFile().setWritable(true);
            copy.toFile().setWritable(true);
        }
    }

    @Test
    void lastReadingIsTheNewestOfThatCar() {
        try (HistoryStore store = new HistoryStore(dir.resolve("h.db"))) {
            assertNull(store.lastReading("Tesla Model Y"));
            writeHours(store, 3);
            Reading last = store.lastReading("Tesla Model Y");
            assertEquals(T0.plus(Duration.ofHours(2)), last.timestamp());
            assertEquals(52, last.batteryPercent());
            assertEquals(40, store.lastReading("Hyundai Ioniq 5").batteryPercent());
        }
    }
}
