package org.openhab.binding.chargepriority.standin;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every public or protected member the stand-in declares exists with exactly that signature in openHAB 4.3: the
 * stand-in's compiled classes are printed with {@code javap -protected}, as the reference
 * ({@code shared/reference/openhab-4.3-api.md}) was printed from openHAB 4.3.11's jars, and each line must be found
 * in the reference's block for that class. A mismatch would be a {@code NoSuchMethodError} in a user's openHAB.
 */
class StandInMatchesOpenHabTest {

    /**
     * Types the reference does not list, each checked by hand against openHAB core 4.3's source: same jar
     * (org.openhab.core), same package, same member.
     */
    private static final Map<String, Set<String>> CHECKED_ELSEWHERE = Map.of("org.openhab.core.i18n.LocaleProvider",
            Set.of("public abstract java.util.Locale getLocale();"));

    @Test
    void everyMemberOfTheStandInIsInOpenHab43() throws IOException {
        Path reference = Path.of(System.getProperty("shared.dir", "../../shared"), "reference",
                "openhab-4.3-api.md");
        Assumptions.assumeTrue(Files.isRegularFile(reference),
                "the openHAB 4.3 API reference is not beside the project (" + reference + "): check skipped");
        Map<String, Set<String>> expected = parseReference(Files.readAllLines(reference, StandardCharsets.UTF_8));
        expected.putAll(CHECKED_ELSEWHERE);
        // Types printed from the real 4.3.11 jar that the shared reference lacks (TimeSeries, since openHAB 4.1).
        try (var extra = StandInMatchesOpenHabTest.class.getResourceAsStream("/openhab-4.3.11-api-extra.md")) {
            assertNotNull(extra);
            expected.putAll(parseReference(
                    List.of(new String(extra.readAllBytes(), StandardCharsets.UTF_8).split("\n"))));
        }

        Path classes = Path.of("target/classes");
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.matches(".*\\$\\d+$")) {
                continue; // anonymous classes are not API
            }
            List<String> lines = javap(file);
            String type = name.replace('$', '.');
            Set<String> members = expected.get(type);
            if (members == null) {
                problems.add(type + ": not in openHAB 4.3's API reference");
                continue;
            }
            for (String line : lines) {
                if (!members.contains(line)) {
                    problems.add(type + ": " + line);
                }
            }
        }
        assertEquals(List.of(), problems, "stand-in members that openHAB 4.3 does not have exactly so");
    }

    /** Member lines (and the class line) per type, from the reference's javap blocks. */
    private static Map<String, Set<String>> parseReference(List<String> lines) {
        Map<String, Set<String>> result = new HashMap<>();
        String type = null;
        boolean inCode = false;
        for (String line : lines) {
            if (line.startsWith("## `")) {
                type = line.substring(4, line.lastIndexOf('`'));
            } else if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && type != null) {
                String t = line.trim();
                if (!t.isEmpty() && !t.equals("}")) {
                    result.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(normalize(t));
                }
            }
        }
        return result;
    }

    /** The member lines of one class file as javap -protected prints them (the class line without its brace). */
    private static List<String> javap(Path classFile) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = javap.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "-protected",
                classFile.toString());
        assertEquals(0, rc);
        List<String> result = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("Compiled from") || t.equals("}")) {
                continue;
            }
            String n = normalize(t);
            if (n.contains(" class ") || n.contains(" interface ") || n.startsWith("class ")
                    || n.startsWith("interface ")) {
                continue; // type lines: supertypes may be fewer in the stand-in (allowed), members may not differ
            }
            result.add(n);
        }
        return result;
    }

    private static String normalize(String line) {
        return line.replace(" {", "").replace("$", ".").trim();
    }
}
