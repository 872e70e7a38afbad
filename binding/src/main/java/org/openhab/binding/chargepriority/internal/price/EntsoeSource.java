package org.openhab.binding.chargepriority.internal.price;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * ENTSO-E transparency platform, day-ahead prices (document type A44) for any European bidding zone, with the user's
 * security token. Prices arrive in EUR/MWh and are returned in EUR/kWh. The area is one of {@link #AREAS}' names
 * (NO1–NO5, SE1–SE4, DK1, DK2, FI, DE-LU, NL) or an EIC code itself.
 */
@NonNullByDefault
public final class EntsoeSource implements PriceSource {

    public static final String ID = "entsoe";
    public static final URI DEFAULT_BASE = URI.create("https://web-api.tp.entsoe.eu/api");

    /** Area name → its EIC code and the zone of its market days. */
    public static final Map<String, Area> AREAS = Map.ofEntries(area("NO1", "10YNO-1--------2", "Europe/Oslo"),
            area("NO2", "10YNO-2--------T", "Europe/Oslo"), area("NO3", "10YNO-3--------J", "Europe/Oslo"),
            area("NO4", "10YNO-4--------9", "Europe/Oslo"), area("NO5", "10Y1001A1001A48H", "Europe/Oslo"),
            area("SE1", "10Y1001A1001A44P", "Europe/Stockholm"), area("SE2", "10Y1001A1001A45N", "Europe/Stockholm"),
            area("SE3", "10Y1001A1001A46L", "Europe/Stockholm"), area("SE4", "10Y1001A1001A47J", "Europe/Stockholm"),
            area("DK1", "10YDK-1--------W", "Europe/Copenhagen"), area("DK2", "10YDK-2--------M", "Europe/Copenhagen"),
            area("FI", "10YFI-1--------U", "Europe/Helsinki"), area("DE-LU", "10Y1001A1001A82H", "Europe/Berlin"),
            area("NL", "10YNL----------L", "Europe/Amsterdam"));

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public record Area(String eic, ZoneId zone) {
    }

    private final URI base;
    private final String token;
    private final PriceHttp http;

    public EntsoeSource(URI base, String securityToken, PriceHttp http) {
        this.base = base;
        this.token = securityToken;
        this.http = http;
    }

    private static Map.Entry<String, Area> area(String name, String eic, String zone) {
        return Map.entry(name, new Area(eic, ZoneId.of(zone)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId zone(String area) {
        Area known = AREAS.get(area);
        return known == null ? ZoneId.of("Europe/Brussels") : known.zone();
    }

    @Override
    public DayPrices day(String area, LocalDate day) throws PriceException {
        Area known = AREAS.get(area);
        String eic = known != null ? known.eic() : area;
        if (!eic.matches("10[A-Z0-9-]{14}")) {
            throw PriceException.failed("unknown price area " + area, 0);
        }
        ZoneId zone = zone(area);
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        String query = "documentType=A44&in_Domain=" + eic + "&out_Domain=" + eic + "&periodStart="
                + PERIOD.format(from) + "&periodEnd=" + PERIOD.format(to) + "&securityToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String what = "ENTSO-E " + area + " " + day; // never the token
        String body = http.get(URI.create(base + "?" + query), what);
        return new DayPrices(area, day, "EUR", parse(body, from, to, what));
    }

    /** The points of an A44 document inside [from, to), in EUR/kWh. */
    static List<PricePoint> parse(String xml, Instant from, Instant to, String what) throws PriceException {
        Document doc = read(xml, what);
        Element root = doc.getDocumentElement();
        if (root.getLocalName() != null && root.getLocalName().startsWith("Acknowledgement")) {
            String reason = text(root, "text");
            throw PriceException.notPublished(what + ": " + (reason == null ? "no data" : reason), 200);
        }
        if (!"Publication_MarketDocument".equals(root.getLocalName())) {
            throw PriceException.failed(what + ": not a publication document", 200);
        }
        TreeMap<Instant, PricePoint> points = new TreeMap<>();
        try {
            NodeList periods = doc.getElementsByTagNameNS("*", "Period");
            for (int i = 0; i < periods.getLength(); i++) {
                readPeriod((Element) periods.item(i), from, to, points);
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw PriceException.failed(what + ": the answer cannot be read (" + e.getMessage() + ")", 200);
        }
        if (points.isEmpty()) {
            throw PriceException.notPublished(what + ": the answer holds no prices for the day", 200);
        }
        return new ArrayList<>(points.values());
    }

    private static void readPeriod(Element period, Instant from, Instant to, Map<Instant, PricePoint> into) {
        Instant start = Instant.parse(normalise(required(period, "start")));
        Instant end = Instant.parse(normalise(required(period, "end")));
        Duration step = Duration.parse(required(period, "resolution"));
        int count = (int) (Duration.between(start, end).toMinutes() / step.toMinutes());
        double[] prices = new double[count];
        boolean[] present = new boolean[count];
        NodeList list = period.getElementsByTagNameNS("*", "Point");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            int position = Integer.parseInt(required(p, "position"));
            if (position >= 1 && position <= count) {
                prices[position - 1] = Double.parseDouble(required(p, "price.amount")) / 1000;
                present[position - 1] = true;
            }
        }
        // curve type A03: a position left out repeats the one before it
        for (int i = 0; i < count; i++) {
            if (!present[i] && i > 0 && present[i - 1]) {
                prices[i] = prices[i - 1];
                present[i] = true;
            }
            Instant s = start.plus(step.multipliedBy(i));
            if (present[i] && !s.isBefore(from) && s.isBefore(to)) {
                into.putIfAbsent(s, new PricePoint(s, s.plus(step), prices[i]));
            }
        }
    }

    /** ENTSO-E writes times as {@code 2023-01-09T23:00Z}, without seconds. */
    private static String normalise(String time) {
        return time.length() == 17 ? time.substring(0, 16) + ":00Z" : time;
    }

    private static String required(Element parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            throw new NumberFormatException("missing " + name);
        }
        return value;
    }

    private static @Nullable String text(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS("*", name);
        if (list.getLength() == 0) {
            return null;
        }
        Node node = list.item(0);
        return node.getTextContent().trim();
    }

    private static Document read(String xml, String what) throws PriceException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw PriceException.failed(what + ": the answer is not XML (" + e.getMessage() + ")", 200);
        }
    }
}
