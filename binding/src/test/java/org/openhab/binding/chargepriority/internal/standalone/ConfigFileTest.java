package org.openhab.binding.chargepriority.internal.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings changed at run time land in conf/chargepriority.cfg without losing anything else in it.
 */
class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void changesOnlyTheGivenKeysAndKeepsCommentsOrderSecretsAndPermissions() throws IOException {
        Path cfg = dir.resolve("chargepriority.cfg");
        Files.writeString(cfg, """
                # Charge Priority
                dataDir=data

                # Decision
                chargeThreshold=80
                updateIntervalMinutes = 60
                #retentionDays=90
                tesla.clientSecret=ta-secret.keep-me
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("chargeThreshold", "85");
        values.put("updateIntervalMinutes", "1");
        values.put("teslaMockMode", "true");

        ConfigFile.update(cfg, values);

        assertEquals(List.of("# Charge Priority", "dataDir=data", "", "# Decision", "chargeThreshold=85",
                "updateIntervalMinutes=1", "#retentionDays=90", "tesla.clientSecret=ta-secret.keep-me",
                "teslaMockMode=true"), Files.readAllLines(cfg, StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(cfg), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void writingTheSameValuesAgainChangesNothing() throws IOException {
        Path cfg = dir.resolve("chargepriority.cfg");
        Files.writeString(cfg, "chargeThreshold=85\n", StandardCharsets.UTF_8);

        ConfigFile.update(cfg, Map.of("chargeThreshold", "85"));

        assertEquals("chargeThreshold=85\n", Files.readString(cfg, StandardCharsets.UTF_8));
    }
}
