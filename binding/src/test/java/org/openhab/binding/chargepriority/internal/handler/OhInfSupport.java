package org.openhab.binding.chargepriority.internal.handler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads {@code OH-INF} from the sources, for the tests that check it against the schemas, the i18n files and the
 * README.
 */
@NonNullByDefault
final class OhInfSupport {

    static final Path OH_INF = basedir().resolve("src/main/resources/OH-INF");

    private OhInfSupport() {
    }

    static Path basedir() {
        return Path.of(System.getProperty("basedir", "."));
    }

    static List<Path> thingXmlFiles() throws IOException {
        try (Stream<Path> files = Files.list(OH_INF.resolve("thing"))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    static Document parse(Path file) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The element children of {@code parent} with the given (unqualified) name. */
    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    static @Nullable Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    static @Nullable String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim().replaceAll("\\s+", " ");
    }

    /** The top-level elements of every thing XML file (thing-type, bridge-type, channel-type, channel-group-type). */
    static List<Element> thingDescriptions() throws Exception {
        List<Element> result = new ArrayList<>();
        for (Path file : thingXmlFiles()) {
            Element root = parse(file).getDocumentElement();
            NodeList nodes = root.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) {
                    result.add(e);
                }
            }
        }
        return result;
    }
}
