package org.openhab.binding.chargepriority.internal.price;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The Norwegian public day-ahead prices without a key: {@code /api/v1/prices/YYYY/MM-DD_NOx.json} on
 * hvakosterstrommen.no, a JSON array of {@code {"NOK_per_kWh", "EUR_per_kWh", "EXR", "time_start", "time_end"}} per
 * hour (per quarter-hour since the market moved to 15 minutes). Prices are NOK per kWh without VAT.
 */
@NonNullByDefault
public final class HvaKosterStrommenSource implements PriceSource {

    public static final String ID = "hvakosterstrommen";
    public static final URI DEFAULT_BASE = URI.create("https://www.hvakosterstrommen.no");
    public static final Set<String> AREAS = Set.of("NO1", "NO2", "NO3", "NO4", "NO5");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final URI base;
    private final PriceHttp http;

    public HvaKosterStrommenSource(URI base, PriceHttp http) {
        this.base = base;
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId zone(String area) {
        return OSLO;
    }

    @Override
    public DayPrices day(String area, LocalDate day) throws PriceException {
        if (!AREAS.contains(area)) {
            throw PriceException.failed("unknown price area " + area + " (NO1–NO5)", 0);
        }
        String path = String.format(Locale.ROOT, "/api/v1/prices/%04d/%02d-%02d_%s.json", day.getYear(),
                day.getMonthValue(), day.getDayOfMonth(), area);
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        String body = http.get(URI.create(root + path), "hvakosterstrommen " + area + " " + day);
        return new DayPrices(area, day, "NOK", parse(body, day, "hvakosterstrommen " + area + " " + day));
    }

    static List<PricePoint> parse(String body, LocalDate day, String what) throws PriceException {
        List<PricePoint> points = new ArrayList<>();
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonArray()) {
                throw PriceException.failed(what + ": the answer is not a list of prices", 200);
            }
            JsonArray array = root.getAsJsonArray();
            for (JsonElement element : array) {
                if (!element.isJsonObject()) {
                    throw PriceException.failed(what + ": a price is not an object", 200);
                }
                JsonObject o = element.getAsJsonObject();
                JsonElement price = o.get("NOK_per_kWh");
                JsonElement start = o.get("time_start");
                JsonElement end = o.get("time_end");
                if (price == null || start == null || end == null || !price.isJsonPrimitive()
                        || !price.getAsJsonPrimitive().isNumber()) {
                    throw PriceException.failed(what + ": a price lacks NOK_per_kWh, time_start or time_end", 200);
                }
                OffsetDateTime from = OffsetDateTime.parse(start.getAsString());
                OffsetDateTime to = OffsetDateTime.parse(end.getAsString());
                if (!to.isAfter(from)) {
                    throw PriceException.failed(what + ": a price ends before it starts", 200);
                }
                points.add(new PricePoint(from.toInstant(), to.toInstant(), price.getAsDouble()));
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                | DateTimeParseException e) {
            throw PriceException.failed(what + ": the answer cannot be read (" + e.getMessage() + ")", 200);
        }
        if (points.isEmpty()) {
            throw PriceException.notPublished(what + ": the answer holds no prices", 200);
        }
        if (!points.get(0).start().atZone(OSLO).toLocalDate().equals(day)) {
            throw PriceException.failed(what + ": the answer is for another day", 200);
        }
        return points;
    }
}
