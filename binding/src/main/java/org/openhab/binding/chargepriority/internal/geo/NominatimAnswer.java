package org.openhab.binding.chargepriority.internal.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads one {@code /reverse?format=jsonv2} answer: an address, a definite "nothing here"
 * ({@code {"error":"Unable to geocode"}}), or something unusable.
 *
 * @param kind what the answer was
 * @param address the address when {@code kind} is {@link Kind#ADDRESS}
 */
@NonNullByDefault
record NominatimAnswer(Kind kind, @Nullable String address) {

    enum Kind {
        ADDRESS,
        /** Nominatim knows no address here (sea, no coverage): asking again will not help. */
        NO_ADDRESS,
        /** Not a reverse-geocoding answer (a parameter error, a broken body). */
        INVALID
    }

    private static final String[] SETTLEMENT_KEYS = { "city", "town", "village", "municipality", "hamlet",
            "suburb" };

    static NominatimAnswer parse(String body) {
        JsonObject json;
        try {
            JsonElement element = JsonParser.parseString(body);
            if (!element.isJsonObject()) {
                return new NominatimAnswer(Kind.INVALID, null);
            }
            json = element.getAsJsonObject();
        } catch (JsonParseException e) {
            return new NominatimAnswer(Kind.INVALID, null);
        }
        JsonElement error = json.get("error");
        if (error != null) {
            // a string error means "no result"; an object error means a bad request
            return new NominatimAnswer(error.isJsonPrimitive() ? Kind.NO_ADDRESS : Kind.INVALID, null);
        }
        Optional<String> address = compactAddress(json).or(() -> text(json, "display_name"));
        return address.map(a -> new NominatimAnswer(Kind.ADDRESS, a))
                .orElseGet(() -> new NominatimAnswer(Kind.NO_ADDRESS, null));
    }

    /** "Road 12, Town" from the address fields, or empty when neither a road nor a settlement is known. */
    static Optional<String> compactAddress(JsonObject json) {
        JsonElement element = json.get("address");
        if (element == null || !element.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject address = element.getAsJsonObject();
        List<String> parts = new ArrayList<>();
        text(address, "road").ifPresent(road -> parts
                .add(text(address, "house_number").map(number -> road + " " + number).orElse(road)));
        for (String key : SETTLEMENT_KEYS) {
            Optional<String> settlement = text(address, key);
            if (settlement.isPresent()) {
                parts.add(settlement.get());
                break;
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static Optional<String> text(JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        String s = value.getAsString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
