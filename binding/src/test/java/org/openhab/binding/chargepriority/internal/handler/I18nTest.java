package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.handler.OhInfSupport.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every text of {@code OH-INF} and every {@code @text/} status of the handlers exists in English and in Norwegian
 * Bokmål, and the labels follow openHAB's rules.
 */
@NonNullByDefault
class I18nTest {

    private static final String B = ChargePriorityBindingConstants.BINDING_ID;
    private static final Pattern TEXT_KEY = Pattern.compile("\"(?:@text/)?(offline\\.[a-z0-9.-]+)");
    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "at", "by", "for", "in", "of", "on",
            "or", "the", "to");

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(OH_INF.resolve("i18n").resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The keys openHAB looks up for the labels, descriptions and options in the XML. */
    private static Set<String> keysUsedByXml() throws Exception {
        Set<String> keys = new TreeSet<>();
        Element addon = parse(OH_INF.resolve("addon/addon.xml")).getDocumentElement();
        keys.add("addon." + B + ".name");
        keys.add("addon." + B + ".description");
        assertNotNull(text(addon, "name"));
        for (Element e : thingDescriptions()) {
            String id = e.getAttribute("id");
            String prefix = switch (e.getLocalName()) {
                case "thing-type", "bridge-type" -> "thing-type." + B + "." + id;
                case "channel-group-type" -> "channel-group-type." + B + "." + id;
                default -> "channel-type." + B + "." + id;
            };
            addTexts(keys, e, prefix);
            Element state = child(e, "state");
            Element options = state != null ? child(state, "options") : null;
            if (options != null) {
                for (Element o : children(options, "option")) {
                    keys.add(prefix + ".state.option." + o.getAttribute("value"));
                }
            }
            Element config = child(e, "config-description");
            if (config != null) {
                String configPrefix = "thing-type.config." + B + "." + id;
                for (Element g : children(config, "parameter-group")) {
                    addTexts(keys, g, configPrefix + ".group." + g.getAttribute("name"));
                }
                for (Element p : children(config, "parameter")) {
                    String param = configPrefix + "." + p.getAttribute("name");
                    addTexts(keys, p, param);
                    Element paramOptions = child(p, "options");
                    if (paramOptions != null) {
                        for (Element o : children(paramOptions, "option")) {
                            keys.add(param + ".option." + o.getAttribute("value"));
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static void addTexts(Set<String> keys, Element e, String prefix) {
        if (text(e, "label") != null) {
            keys.add(prefix + ".label");
        }
        if (text(e, "description") != null) {
            keys.add(prefix + ".description");
        }
    }

    /** The {@code offline.*} keys the handlers put in Thing status descriptions. */
    private static Set<String> keysUsedByHandlers() throws IOException {
        Set<String> keys = new TreeSet<>();
        Path sources = basedir().resolve("src/main/java/org/openhab/binding/chargepriority/internal/handler");
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.toList()) {
                Matcher m = TEXT_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws Exception {
        assertEquals(new TreeSet<>(load("chargepriority.properties").stringPropertyNames()),
                new TreeSet<>(load("chargepriority_nb.properties").stringPropertyNames()));
    }

    @Test
    void everyTextOfTheXmlIsTranslatedInBothLanguages() throws Exception {
        Set<String> used = keysUsedByXml();
        for (String file : List.of("chargepriority.properties", "chargepriority_nb.properties")) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(load(file).stringPropertyNames());
            assertEquals(Set.of(), missing, "missing in " + file);
        }
    }

    @Test
    void everyStatusTheHandlersSetIsTranslatedInBothLanguages() throws Exception {
        Set<String> used = keysUsedByHandlers();
        assertTrue(used.contains("offline.conf-error-range"), "the scan finds the handlers' keys: " + used);
        for (String file : List.of("chargepriority.properties", "chargepriority_nb.properties")) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(load(file).stringPropertyNames());
            assertEquals(Set.of(), missing, "missing in " + file);
        }
    }

    @Test
    void noKeyIsLeftOverFromTextsThatAreGone() throws Exception {
        Set<String> unused = new TreeSet<>(load("chargepriority.properties").stringPropertyNames());
        unused.removeAll(keysUsedByXml());
        unused.removeAll(keysUsedByHandlers());
        assertEquals(Set.of(), unused);
    }

    @Test
    void labelsAreShortAndEnglishLabelsAreTitleCase() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String file : List.of("chargepriority.properties", "chargepriority_nb.properties")) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                if (!key.endsWith(".label")) {
                    continue;
                }
                String label = p.getProperty(key);
                if (label.length() > 25) {
                    problems.add(file + " " + key + " is longer than 25 characters: " + label);
                }
                if (file.equals("chargepriority.properties") && !titleCase(label)) {
                    problems.add(key + " is not Title Case: " + label);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean titleCase(String label) {
        String[] words = label.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            boolean small = i > 0 && SMALL_WORDS.contains(w);
            if (!small && !w.isEmpty() && !Character.isUpperCase(w.charAt(0)) && !Character.isDigit(w.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void placeholdersMatchBetweenTheLanguages() throws Exception {
        Properties en = load("chargepriority.properties");
        Properties nb = load("chargepriority_nb.properties");
        Pattern placeholder = Pattern.compile("\\{\\d}");
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(placeholder, en.getProperty(key)),
                    placeholders(placeholder, String.valueOf(nb.getProperty(key))), key);
        }
    }

    private static Set<String> placeholders(Pattern p, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
