package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/**
 * kill -9 in the middle of a burst of writes (updates asked for over the API and threshold changes, each stored in
 * the history and the threshold also in conf/chargepriority.cfg): the database passes SQLite's integrity check, every
 * stored update is complete (both cars, readings and recommendations), the configuration file is whole and holds the
 * last acknowledged threshold or the one in flight, and the runtime starts again on it.
 */
class RuntimeCrashIT {

    private static final int ROUNDS = 3;

    @Test
    void killDuringABurstOfWritesLosesAtMostTheWriteInFlight() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.create("crash").withConfig("updateIntervalMinutes", "1")) {
            Path db = runtime.dataDir().resolve("charging_manager.db");
            Path cfg = runtime.confDir().resolve(RuntimeProcess.CONFIG_FILE);
            for (int round = 1; round <= ROUNDS; round++) {
                runtime.start();
                HistoryDatabase.awaitReadings(db, perCar -> perCar.size() == 2);

                AtomicBoolean go = new AtomicBoolean(true);
                AtomicInteger lastAcknowledged = new AtomicInteger(-1);
                AtomicInteger inFlight = new AtomicInteger(-1);
                AtomicInteger writes = new AtomicInteger();
                List<Thread> hammers = new ArrayList<>();
                hammers.add(started(() -> {
                    for (int i = 0; go.get(); i++) {
                        int threshold = 60 + i % 40;
                        inFlight.set(threshold);
                        try {
                            if (runtime.send("PUT", "/chargepriority/api/settings/threshold?threshold=" + threshold,
                                    null).statusCode() == 200) {
                                lastAcknowledged.set(threshold);
                                writes.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            return; // killed
                        }
                    }
                }));
                for (int t = 0; t < 2; t++) {
                    hammers.add(started(() -> {
                        while (go.get()) {
                            try {
                                runtime.send("POST", "/chargepriority/api/update", null);
                                writes.incrementAndGet();
                            } catch (RuntimeException e) {
                                return;
                            }
                        }
                    }));
                }
                while (writes.get() < 150) {
                    Thread.sleep(10);
                }
                runtime.kill();
                go.set(false);
                for (Thread h : hammers) {
                    h.join();
                }

                assertEquals("ok", integrityCheck(db), "round " + round);
                assertEveryUpdateComplete(db);
                Properties conf = new Properties();
                conf.load(new StringReader(Files.readString(cfg, StandardCharsets.UTF_8)));
                int stored = Integer.parseInt(conf.getProperty("chargeThreshold"));
                assertTrue(stored == lastAcknowledged.get() || stored == inFlight.get(), "round " + round
                        + ": cfg has " + stored + ", last acknowledged " + lastAcknowledged + ", in flight " + inFlight);
                assertEquals("1", conf.getProperty("updateIntervalMinutes"), "the rest of the file is intact");
                assertEquals("data", conf.getProperty("dataDir"));
                System.out.printf("crash round %d: %d writes acknowledged before kill -9; %d readings kept; threshold %d%n",
                        round, writes.get(), HistoryDatabase.count(db, "battery_readings"), stored);

                runtime.start();
                HttpResponse<String> settings = runtime.get("/chargepriority/api/settings");
                assertEquals(stored, JsonParser.parseString(settings.body()).getAsJsonObject().get("charge_threshold")
                        .getAsInt(), "restarted on what the file holds");
                runtime.stop();
            }
            assertEquals(List.of(), runtime.errorLines());
        }
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "hammer");
        t.start();
        return t;
    }

    private static String integrityCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    /** Each update is one transaction: per timestamp, one reading and one recommendation for each car. */
    private static void assertEveryUpdateComplete(Path db) throws SQLException, IOException {
        String sql = "SELECT r.timestamp, r.n, COALESCE(c.n, 0) FROM"
                + " (SELECT timestamp, COUNT(*) n FROM battery_readings GROUP BY timestamp) r"
                + " LEFT JOIN (SELECT timestamp, COUNT(*) n FROM recommendations GROUP BY timestamp) c"
                + " ON r.timestamp = c.timestamp WHERE r.n % 2 <> 0 OR r.n <> COALESCE(c.n, 0)";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> incomplete = new ArrayList<>();
            while (rs.next()) {
                incomplete.add(rs.getString(1) + ": " + rs.getInt(2) + " readings, " + rs.getInt(3) + " recommendations");
            }
            assertEquals(List.of(), incomplete, "half-written updates");
        }
    }
}
