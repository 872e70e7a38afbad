package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;
import static org.openhab.binding.chargepriority.internal.handler.OhInfSupport.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * {@code OH-INF} is valid against openHAB's own schemas and agrees with the code: ids, thing types, configuration
 * defaults.
 */
@NonNullByDefault
class OhInfXmlTest {

    private static final Pattern LOWER_HYPHEN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private static Path schemaFolder() {
        String shared = System.getProperty("shared.dir");
        Path folder = shared != null ? Path.of(shared, "openhab-schemas") : null;
        assumeTrue(folder != null && Files.isDirectory(folder),
                "openHAB's XML schemas are not available (system property shared.dir + /openhab-schemas): "
                        + "OH-INF is not validated");
        return folder;
    }

    /** Loads a schema; its imports of https://openhab.org/schemas/<file> resolve to the file beside it. */
    private static Schema schema(Path folder, String file) throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        factory.setResourceResolver(new LocalSchemas(folder));
        return factory.newSchema(folder.resolve(file).toFile());
    }

    private static void validate(Schema schema, Path xml) throws IOException {
        Validator validator = schema.newValidator();
        try {
            validator.validate(new StreamSource(xml.toFile()));
        } catch (SAXException e) {
            fail(xml.getFileName() + " is not valid: " + e.getMessage());
        }
    }

    @Test
    void thingXmlIsValidAgainstOpenHabsSchema() throws Exception {
        Schema schema = schema(schemaFolder(), "thing-description-1.0.0.xsd");
        List<Path> files = thingXmlFiles();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            validate(schema, file);
        }
    }

    @Test
    void addonXmlIsValidAgainstOpenHabsSchema() throws Exception {
        Schema schema = schema(schemaFolder(), "addon-1.0.0.xsd");
        validate(schema, OH_INF.resolve("addon/addon.xml"));
        assertEquals(ChargePriorityBindingConstants.BINDING_ID,
                parse(OH_INF.resolve("addon/addon.xml")).getDocumentElement().getAttribute("id"));
    }

    @Test
    void aSerialPortMayBeOneOpenHabDoesNotListYet() throws Exception {
        // openHAB offers the ports present when asked; with limitToOptions left at its default (true) a Bluetooth
        // /dev/rfcomm0, made on demand, left the Ioniq HANDLER_CONFIGURATION_PENDING in a real openHAB 4.3.
        int checked = 0;
        for (Path file : thingXmlFiles()) {
            org.w3c.dom.NodeList parameters = parse(file).getElementsByTagNameNS("*", "parameter");
            for (int i = 0; i < parameters.getLength(); i++) {
                Element p = (Element) parameters.item(i);
                if ("serial-port".equals(text(p, "context"))) {
                    assertEquals("false", text(p, "limitToOptions"), p.getAttribute("name"));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 1, "the Ioniq's serial port");
    }

    @Test
    void everyChannelTypeHasOnePointAndOnePropertyTagOfOpenHab43() throws Exception {
        Map<String, Set<String>> known = new HashMap<>();
        try (InputStream in = OhInfXmlTest.class.getResourceAsStream("/openhab-4.3.11/semantic-tags.txt")) {
            assertNotNull(in);
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(",");
                if (!line.startsWith("#") && f.length >= 2) {
                    known.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
                }
            }
        }
        int checked = 0;
        for (Element e : thingDescriptions()) {
            if (!"channel-type".equals(e.getLocalName())) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            Element tagsElement = child(e, "tags");
            if (tagsElement != null) {
                children(tagsElement, "tag").forEach(t -> tags.add(t.getTextContent().trim()));
            }
            String id = e.getAttribute("id");
            assertEquals(1, tags.stream().filter(known.get("Point")::contains).count(), id + ": one Point in " + tags);
            assertEquals(1, tags.stream().filter(known.get("Property")::contains).count(),
                    id + ": one Property in " + tags);
            assertEquals(2, tags.size(), id + ": no other tags " + tags);
            checked++;
        }
        assertTrue(checked >= 15, checked + " channel types");
    }

    @Test
    void idsAreLowerCaseHyphenAndParametersCamelCase() throws Exception {
        for (Element e : thingDescriptions()) {
            String id = e.getAttribute("id");
            assertTrue(LOWER_HYPHEN.matcher(id).matches(), "id " + id);
            for (Element channels : children(e, "channels")) {
                for (Element channel : children(channels, "channel")) {
                    assertTrue(LOWER_HYPHEN.matcher(channel.getAttribute("id")).matches(),
                            "channel " + channel.getAttribute("id"));
                }
            }
            for (Element groups : children(e, "channel-groups")) {
                for (Element group : children(groups, "channel-group")) {
                    assertTrue(LOWER_HYPHEN.matcher(group.getAttribute("id")).matches(),
                            "group " + group.getAttribute("id"));
                }
            }
            for (Element config : children(e, "config-description")) {
                for (Element p : children(config, "parameter")) {
                    assertTrue(CAMEL_CASE.matcher(p.getAttribute("name")).matches(),
                            "parameter " + p.getAttribute("name"));
                }
            }
        }
    }

    @Test
    void everyThingTypeTheFactorySupportsIsDescribed() throws Exception {
        Set<String> described = new TreeSet<>();
        for (Element e : thingDescriptions()) {
            if (Set.of("thing-type", "bridge-type").contains(e.getLocalName())) {
                described.add(ChargePriorityBindingConstants.BINDING_ID + ":" + e.getAttribute("id"));
            }
        }
        Set<String> supported = new TreeSet<>();
        ChargePriorityBindingConstants.SUPPORTED_THING_TYPES.forEach(t -> supported.add(t.getAsString()));
        assertEquals(supported, described);
    }

    @Test
    void everyChannelTheHandlersUpdateIsDescribedAndTheOtherWayRound() throws Exception {
        Map<String, Set<String>> byThingType = ReadmeChannelsTest.channelsByThingType();
        Set<String> vehicle = new TreeSet<>(VehicleChannels.ALL);
        vehicle.addAll(PlanChannels.CAR);
        Set<String> tesla = new TreeSet<>(vehicle);
        tesla.addAll(VehicleChannels.TESLA_API);
        assertEquals(tesla, byThingType.get("tesla"));
        assertEquals(vehicle, byThingType.get("ioniq"));
        Set<String> household = new TreeSet<>(List.of(CHANNEL_PRIORITY_VEHICLE, CHANNEL_PRIORITY_REASON,
                CHANNEL_THRESHOLD, CHANNEL_UPDATE, CHANNEL_NEXT_UPDATE));
        household.addAll(PlanChannels.HOUSEHOLD);
        assertEquals(household, byThingType.get("household"));
    }

    @Test
    void xmlDefaultsAreTheDefaultsOfTheConfigurationClasses() throws Exception {
        Map<String, Object> configs = Map.of("household", new HouseholdConfiguration(), "tesla",
                new TeslaConfiguration(), "ioniq", new IoniqConfiguration());
        for (Element e : thingDescriptions()) {
            Object config = configs.get(e.getAttribute("id"));
            Element description = child(e, "config-description");
            if (config == null || description == null) {
                continue;
            }
            Map<String, Field> fields = new HashMap<>();
            for (Field f : config.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.put(f.getName(), f);
                }
            }
            List<String> parameters = new ArrayList<>();
            for (Element p : children(description, "parameter")) {
                String name = p.getAttribute("name");
                parameters.add(name);
                Field field = fields.get(name);
                assertNotNull(field, e.getAttribute("id") + "." + name + " has no field");
                Object value = field.get(config);
                String xmlDefault = text(p, "default");
                String where = e.getAttribute("id") + "." + name;
                if (xmlDefault == null) {
                    assertTrue(value == null || "".equals(value), where + " has a default only in Java: " + value);
                } else if (value instanceof Number n) {
                    assertEquals(0, new BigDecimal(xmlDefault).compareTo(new BigDecimal(n.toString())), where);
                } else {
                    assertEquals(xmlDefault, String.valueOf(value), where);
                }
            }
            assertEquals(new TreeSet<>(fields.keySet()), new TreeSet<>(parameters),
                    e.getAttribute("id") + ": parameters and fields differ");
        }
    }

    /** Resolves openHAB's schema locations to the files of the same name in the given folder. */
    private record LocalSchemas(Path folder) implements LSResourceResolver {
        @Override
        public @Nullable LSInput resolveResource(@Nullable String type, @Nullable String namespaceURI,
                @Nullable String publicId, @Nullable String systemId, @Nullable String baseURI) {
            if (systemId == null) {
                return null;
            }
            Path local = folder.resolve(systemId.substring(systemId.lastIndexOf('/') + 1));
            if (!Files.isRegularFile(local)) {
                return null;
            }
            return new FileInput(local.toUri().toString(), publicId);
        }
    }

    private record FileInput(String systemId, @Nullable String publicId) implements LSInput {
        @Override
        public @Nullable Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(@Nullable Reader characterStream) {
        }

        @Override
        public @Nullable InputStream getByteStream() {
            return null;
        }

        @Override
        public void setByteStream(@Nullable InputStream byteStream) {
        }

        @Override
        public @Nullable String getStringData() {
            return null;
        }

        @Override
        public void setStringData(@Nullable String stringData) {
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(@Nullable String systemId) {
        }

        @Override
        public @Nullable String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(@Nullable String publicId) {
        }

        @Override
        public @Nullable String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(@Nullable String baseURI) {
        }

        @Override
        public @Nullable String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(@Nullable String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
