package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.handler.OhInfSupport.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqObdConfig;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The README's channel and configuration tables match {@code OH-INF} exactly, both ways.
 */
@NonNullByDefault
class ReadmeChannelsTest {

    private static final Path README = basedir().resolve("../README.md");
    /** Item types of the system channel types the binding uses. */
    private static final Map<String, String> SYSTEM_ITEM_TYPES = Map.of("system.battery-level", "Number",
            "system.location", "Location");
    private static final Pattern THING_TYPE_IN_HEADING = Pattern.compile("`([a-z0-9-]+)`");
    private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`?([^`|]+?)`?\\s*\\|\\s*([^|]+?)\\s*\\|");

    /** Per thing type id: its channels as {@code group#channel}. */
    static Map<String, Set<String>> channelsByThingType() throws Exception {
        Map<String, Set<String>> result = new TreeMap<>();
        channelItemTypesByThingType().forEach((type, channels) -> result.put(type, new TreeSet<>(channels.keySet())));
        return result;
    }

    /** Per thing type id: its channels ({@code group#channel}) with their item types. */
    static Map<String, Map<String, String>> channelItemTypesByThingType() throws Exception {
        List<Element> all = thingDescriptions();
        Map<String, Element> groupTypes = new HashMap<>();
        Map<String, String> itemTypes = new HashMap<>(SYSTEM_ITEM_TYPES);
        for (Element e : all) {
            if ("channel-group-type".equals(e.getLocalName())) {
                groupTypes.put(e.getAttribute("id"), e);
            } else if ("channel-type".equals(e.getLocalName())) {
                itemTypes.put(e.getAttribute("id"), String.valueOf(text(e, "item-type")));
            }
        }
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Element e : all) {
            if (!Set.of("thing-type", "bridge-type").contains(e.getLocalName())) {
                continue;
            }
            Map<String, String> channels = new TreeMap<>();
            Element groups = child(e, "channel-groups");
            if (groups != null) {
                for (Element group : children(groups, "channel-group")) {
                    Element type = groupTypes.get(group.getAttribute("typeId"));
                    assertNotNull(type, "channel group type " + group.getAttribute("typeId"));
                    Element list = child(type, "channels");
                    assertNotNull(list);
                    for (Element channel : children(list, "channel")) {
                        String itemType = itemTypes.get(channel.getAttribute("typeId"));
                        assertNotNull(itemType, "channel type " + channel.getAttribute("typeId"));
                        channels.put(group.getAttribute("id") + "#" + channel.getAttribute("id"), itemType);
                    }
                }
            }
            result.put(e.getAttribute("id"), channels);
        }
        return result;
    }

    /**
     * The first two cells of the table rows under the README's level-3 headings inside a level-2 section, per thing
     * type named in the heading.
     */
    private static Map<String, Map<String, String>> readmeTables(String section) throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        Map<String, Map<String, String>> result = new TreeMap<>();
        boolean inSection = false;
        boolean inCode = false;
        List<String> thingTypes = List.of();
        for (String line : lines) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().equals(section);
                thingTypes = List.of();
            } else if (inSection && line.startsWith("### ")) {
                Matcher m = THING_TYPE_IN_HEADING.matcher(line);
                List<String> types = new java.util.ArrayList<>();
                while (m.find()) {
                    types.add(m.group(1));
                }
                thingTypes = types;
            } else if (inSection && line.startsWith("|")) {
                Matcher m = FIRST_CELL.matcher(line);
                if (m.find() && !m.group(1).equals("Name") && !m.group(1).equals("Channel")
                        && !m.group(1).startsWith("-")) {
                    for (String type : thingTypes) {
                        result.computeIfAbsent(type, t -> new TreeMap<>()).put(m.group(1).trim(), m.group(2).trim());
                    }
                }
            }
        }
        return result;
    }

    @Test
    void theChannelTablesListEveryChannelOfTheXmlWithItsItemTypeAndNothingElse() throws Exception {
        Map<String, Map<String, String>> xml = channelItemTypesByThingType();
        Map<String, Map<String, String>> readme = readmeTables("Channels");
        assertEquals(xml.keySet(), readme.keySet(), "thing types with a channel table");
        for (String type : xml.keySet()) {
            assertEquals(xml.get(type), readme.get(type), "channels of " + type);
        }
    }

    @Test
    void theConfigurationTablesListEveryParameterOfTheXmlAndNothingElse() throws Exception {
        Map<String, Set<String>> xml = new TreeMap<>();
        Map<String, Map<String, String>> xmlTypes = new TreeMap<>();
        for (Element e : thingDescriptions()) {
            Element config = child(e, "config-description");
            if (config == null) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            Map<String, String> types = new TreeMap<>();
            for (Element p : children(config, "parameter")) {
                names.add(p.getAttribute("name"));
                types.put(p.getAttribute("name"), p.getAttribute("type"));
            }
            xml.put(e.getAttribute("id"), names);
            xmlTypes.put(e.getAttribute("id"), types);
        }
        Map<String, Map<String, String>> readme = readmeTables("Thing Configuration");
        assertEquals(xml.keySet(), readme.keySet(), "thing types with a configuration table");
        for (String type : xml.keySet()) {
            Map<String, String> table = readme.get(type);
            assertNotNull(table);
            assertEquals(xmlTypes.get(type), table, "parameters (and their types) of " + type);
        }
    }

    @Test
    void theDefaultsTheReadmeGivesAreThoseOfTheXmlTheCodeAndTheCfgFile() throws Exception {
        Map<String, String> xmlDefaults = new TreeMap<>();
        for (Element e : thingDescriptions()) {
            Element config = child(e, "config-description");
            if (config != null) {
                for (Element p : children(config, "parameter")) {
                    String d = text(p, "default");
                    if (d != null) {
                        xmlDefaults.put(e.getAttribute("id") + "." + p.getAttribute("name"), d);
                    }
                }
            }
        }
        List<String> problems = new java.util.ArrayList<>();
        int compared = 0;
        List<String> types = List.of();
        boolean inSection = false;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().equals("Thing Configuration");
            } else if (inSection && line.startsWith("### ")) {
                Matcher m = THING_TYPE_IN_HEADING.matcher(line);
                types = m.find() ? List.of(m.group(1)) : List.of();
            } else if (inSection && line.startsWith("| ") && !line.startsWith("| Name")) {
                String[] cells = line.split("\\|");
                String name = cells[1].trim();
                String readmeDefault = cells[4].trim().replace("`", "");
                for (String type : types) {
                    String xml = xmlDefaults.get(type + "." + name);
                    if (xml != null) {
                        compared++;
                        if (!sameValue(xml, readmeDefault)) {
                            problems.add(type + "." + name + ": README " + readmeDefault + ", XML " + xml);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(compared >= 15, compared + " defaults compared");

        // The standalone runtime's cfg file and its code give the Ioniq the same figures as the Thing.
        String cfg = Files.readString(basedir().resolve("../conf/chargepriority.cfg"), StandardCharsets.UTF_8);
        IoniqConfiguration thing = new IoniqConfiguration();
        assertEquals(IoniqObdConfig.DEFAULT_CONSUMPTION_KWH_PER_100_KM, thing.consumption);
        assertEquals(IoniqObdConfig.DEFAULT_PROBE_INTERVAL.toMinutes(), thing.probeInterval);
        assertTrue(cfg.contains("#ioniq.consumption=" + plain(thing.consumption) + "\n"), "cfg consumption");
        assertTrue(cfg.contains("#ioniq.probeIntervalMinutes=" + thing.probeInterval + "\n"), "cfg probe interval");
    }

    private static boolean sameValue(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    private static String plain(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    @Test
    void theReadmeWritesOneSentencePerLine() throws Exception {
        boolean inCode = false;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || line.startsWith("|") || line.startsWith("#")) {
                continue;
            }
            @Nullable
            String rest = line.replaceFirst("^\\s*\\d+\\. ", "").replaceAll("\\b(e\\.g|i\\.e|etc)\\.", "$1");
            assertFalse(rest.matches(".*[a-z0-9)`\"][.!?] +[A-Z`].*"), "more than one sentence on a line: " + line);
        }
    }
}
