package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The runtime's life cycle as a user meets it: a crash (kill -9) loses no history and the runtime comes
 * back on the same folder and port; Ctrl+C / SIGTERM stops it in order, without errors.
 */
class RuntimeRestartIT {

    @Test
    void keepsHistoryAcrossAKillAndStopsInOrder() throws IOException {
        try (RuntimeProcess runtime = RuntimeProcess.create("restart")) {
            runtime.start();
            Path db = runtime.dataDir().resolve("charging_manager.db");
            long beforeKill = total(HistoryDatabase.awaitReadings(db, perCar -> perCar.size() == 2));

            runtime.kill();
            Duration restart = runtime.start();
            System.out.printf("chargepriority.jar healthy again %d ms after a restart on the same folder%n",
                    restart.toMillis());
            long afterRestart = total(HistoryDatabase.awaitReadings(db, perCar -> total(perCar) >= beforeKill + 2));

            assertTrue(afterRestart >= beforeKill + 2,
                    "readings before the kill: " + beforeKill + ", after the restart's first update: " + afterRestart);
            assertEquals(200, runtime.get("/chargepriority/api/status").statusCode());

            runtime.stop();

            String appLog = Files.readString(runtime.appLog(), StandardCharsets.UTF_8);
            assertTrue(appLog.contains("Charge Priority stopped"), "the binding was not stopped in order");
            assertEquals(List.of(), runtime.errorLines());
        }
    }

    private static long total(Map<String, Long> perCar) {
        return perCar.values().stream().mapToLong(Long::longValue).sum();
    }
}
