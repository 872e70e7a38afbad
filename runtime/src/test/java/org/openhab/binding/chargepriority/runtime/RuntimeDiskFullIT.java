package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The history's disk becomes full: the runtime keeps answering (status, settings, updates), says what
 * is wrong in {@code /api/errors}, loses no stored history, and writes again once the disk has room. The data
 * folder is a 2 MiB tmpfs (logs stay in the working directory); needs root for mount, else skipped. (A read-only
 * disk is not tested: a tmpfs with open files refuses {@code remount,ro}, and root ignores file modes.)
 */
class RuntimeDiskFullIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void aFullDiskIsReportedAndWritingResumesWhenSpaceReturns() throws Exception {
        RuntimeProcess runtime = RuntimeProcess.create("diskfull");
        Path small = runtime.workDir().resolve("small");
        Files.createDirectories(small);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString()) == 0,
                "mount -t tmpfs is not permitted here (needs root): the full-disk test is skipped");
        mountPoint = small;
        Path data = small.resolve("data");
        Path db = data.resolve("charging_manager.db");
        try (runtime) {
            runtime.withConfig("dataDir", data.toString()).start();
            long before = HistoryDatabase.count(db, "battery_readings");
            assertTrue(before >= 2, "the first update is stored");

            // Full: a filler takes every free byte.
            Path filler = small.resolve("filler");
            fill(filler);
            for (int i = 0; i < 3; i++) {
                assertEquals(202, runtime.send("POST", "/chargepriority/api/update", null).statusCode());
                Thread.sleep(300);
            }
            assertEquals(200, runtime.send("PUT", "/chargepriority/api/settings/threshold?threshold=75", null)
                    .statusCode(), "settings still change (they live in conf/)");
            assertTrue(await(() -> historyErrorShown(runtime)), "no history error in /api/errors: "
                    + runtime.get("/chargepriority/api/errors?hours=1").body());
            assertServing(runtime);
            assertEquals(75, settings(runtime).get("charge_threshold").getAsInt());
            long whileFull = HistoryDatabase.count(db, "battery_readings");
            assertTrue(whileFull >= before, "nothing stored is lost");

            // Room again: the next updates are stored.
            Files.delete(filler);
            assertEquals(202, runtime.send("POST", "/chargepriority/api/update", null).statusCode());
            assertTrue(await(() -> HistoryDatabase.count(db, "battery_readings") >= whileFull + 2),
                    "no reading stored after space returned");

            assertServing(runtime);
            System.out.printf("disk full: %d errors shown, readings %d -> %d%n", errorCount(runtime), before,
                    HistoryDatabase.count(db, "battery_readings"));

            runtime.stop();
            // The errors are the history's own (WARN), nothing at ERROR level.
            assertEquals(List.of(), runtime.errorLines());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // No space left on device: full.
        }
    }

    private static void assertServing(RuntimeProcess runtime) {
        assertEquals(200, runtime.get("/chargepriority/health").statusCode());
        HttpResponse<String> status = runtime.get("/chargepriority/api/status");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(200, runtime.get("/chargepriority/").statusCode(), "the dashboard");
    }

    private static JsonObject settings(RuntimeProcess runtime) {
        return JsonParser.parseString(runtime.get("/chargepriority/api/settings").body()).getAsJsonObject();
    }

    private static boolean historyErrorShown(RuntimeProcess runtime) {
        for (JsonElement e : errors(runtime)) {
            if ("history_store".equals(e.getAsJsonObject().get("service").getAsString())) {
                return true;
            }
        }
        return false;
    }

    private static int errorCount(RuntimeProcess runtime) {
        return errors(runtime).size();
    }

    private static com.google.gson.JsonArray errors(RuntimeProcess runtime) {
        HttpResponse<String> r = runtime.get("/chargepriority/api/errors?hours=1");
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("errors");
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
