package org.openhab.binding.chargepriority.internal.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The bundle as bnd built it (its manifest in {@code target/classes}) against what a real openHAB 4.3.11 exports. The
 * list of exported packages was read off the real runtime (see the header of the resource file): a range openHAB
 * 4.3 cannot satisfy leaves the bundle {@code Installed} in a user's openHAB, and every Thing without a handler.
 */
@NonNullByDefault
class BundleManifestTest {

    private static final Path CLASSES = Path.of(System.getProperty("basedir", ".")).resolve("target/classes");
    private static final String EXPORTS = "/openhab-4.3.11/exported-packages.txt";

    /** The platforms openHAB runs on (README, "Size"): sqlite-jdbc's natives for exactly these are in the bundle. */
    private static final Set<String> SQLITE_PLATFORMS = Set.of("Linux/x86_64", "Linux/aarch64", "Linux/armv7",
            "Linux/armv6", "Linux/arm", "Linux-Musl/x86_64", "Linux-Musl/aarch64", "Windows/x86_64", "Mac/x86_64",
            "Mac/aarch64");

    @Test
    void everyImportIsSatisfiedByWhatOpenHab43Exports() throws IOException {
        Map<String, List<Version>> exported = exportedPackages();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (ManifestHeader clause : ManifestHeader.parse(header("Import-Package"))) {
            String range = clause.parameter("version");
            VersionRange wanted = new VersionRange(range == null ? "0" : range);
            for (String pkg : clause.names()) {
                if (pkg.startsWith("java.")) {
                    continue; // the framework's own
                }
                List<Version> offered = exported.getOrDefault(pkg, List.of());
                if (offered.isEmpty()) {
                    if (!clause.optional()) {
                        problems.add(pkg + " " + wanted + ": not exported by openHAB 4.3.11");
                    }
                    continue;
                }
                checked++;
                // An optional import with a range nobody satisfies is left unwired: a NoClassDefFoundError later.
                if (offered.stream().noneMatch(wanted::includes)) {
                    problems.add(pkg + " " + wanted + ": openHAB 4.3.11 exports " + offered);
                }
            }
        }
        assertTrue(problems.isEmpty(), "Imports openHAB 4.3.11 cannot satisfy:\n" + String.join("\n", problems));
        assertTrue(checked >= 20, "the manifest's imports were read (" + checked + " checked)");
    }

    @Test
    void gsonIsImportedFromTheVersionOpenHab43Ships() throws IOException {
        VersionRange gson = ManifestHeader.parse(header("Import-Package")).stream()
                .filter(c -> c.names().contains("com.google.gson")).map(c -> c.parameter("version"))
                .map(r -> new VersionRange(Objects.requireNonNull(r))).findFirst().orElseThrow();
        assertTrue(gson.includes(new Version(2, 10, 1)), "openHAB 4.3 ships Gson 2.10.1, the bundle imports " + gson);
    }

    @Test
    void sqliteNativesAreThoseOfThePlatformsOpenHabRunsOn() throws IOException {
        Path natives = CLASSES.resolve("org/sqlite/native");
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(natives)) {
            files.filter(p -> p.getFileName().toString().contains("sqlitejdbc."))
                    .forEach(p -> present.add(natives.relativize(p.getParent()).toString().replace('\\', '/')));
        }
        assertEquals(new TreeSet<>(SQLITE_PLATFORMS), present);
        assertTrue(Files.notExists(CLASSES.resolve("lib/sqlite-jdbc.jar")), "the whole sqlite-jdbc jar is not embedded");
    }

    private static String header(String name) throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return Objects.requireNonNull(new Manifest(in).getMainAttributes().getValue(name), name);
        }
    }

    /** Package to the versions it is exported at, from the list read off the real runtime. */
    private static Map<String, List<Version>> exportedPackages() throws IOException {
        Map<String, List<Version>> exported = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(BundleManifestTest.class.getResourceAsStream(EXPORTS), EXPORTS)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (line.isBlank() || line.startsWith("#") || f.length < 2) {
                    continue;
                }
                exported.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Version.parseVersion(f[1]));
            }
        }
        return exported;
    }
}
