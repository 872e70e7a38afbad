package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import javax.servlet.http.HttpServletRequest;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * A request's JSON object body, read with a size limit and parsed strictly, with typed field access that names the
 * field in every error.
 */
@NonNullByDefault
final class JsonBody {

    /** Bodies are small settings objects; anything bigger is refused before it is read. */
    static final int MAX_BYTES = 16 * 1024;

    private static final TypeAdapter<JsonElement> ELEMENTS = StatusJson.GSON.getAdapter(JsonElement.class);

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /**
     * @throws ApiException 413 when the body is larger than {@link #MAX_BYTES}, 400 when it is missing, not UTF-8,
     *             not JSON or not a JSON object
     */
    static JsonBody read(HttpServletRequest req) throws ApiException, IOException {
        long declared = req.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid_json", "The body is not UTF-8 text");
        }
        return parse(text);
    }

    static JsonBody parse(String text) throws ApiException {
        if (text.isBlank()) {
            throw new ApiException(400, "missing_body", "This request needs a JSON object body");
        }
        JsonElement element = parseStrict(text);
        if (element == null || !element.isJsonObject()) {
            throw new ApiException(400, "invalid_json", "The body must be a JSON object, e.g. {\"enabled\": true}");
        }
        return new JsonBody(element.getAsJsonObject());
    }

    /** Strict JSON (no comments, single quotes, NaN or trailing text); null when the text is not JSON. */
    static @Nullable JsonElement parseStrict(String text) throws ApiException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            // Not Gson.fromJson/JsonParser: both switch the reader to lenient parsing.
            reader.setLenient(false);
            JsonElement element = ELEMENTS.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ApiException(400, "invalid_json", "The body has text after the JSON value");
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException | NumberFormatException e) {
            throw new ApiException(400, "invalid_json", "The body is not valid JSON: " + e.getMessage());
        }
    }

    private static String preview(JsonElement e) {
        String s = e.toString();
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "body_too_large", "The body is larger than " + MAX_BYTES + " bytes");
    }

    /** Refuses fields the endpoint does not know, so that a misspelt field is not silently ignored. */
    JsonBody allowOnly(Set<String> known) throws ApiException {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new ApiException(400, "unknown_field",
                        "Unknown field '" + name + "'; this request takes " + new TreeSet<>(known), name);
            }
        }
        return this;
    }

    boolean isEmpty() {
        return object.size() == 0;
    }

    boolean requireBoolean(String field) throws ApiException {
        Boolean value = optionalBoolean(field);
        if (value == null) {
            throw new ApiException(400, "missing_field", "'" + field + "' is required: true or false", field);
        }
        return value;
    }

    /** The field as a boolean, or null when it is absent or JSON null. */
    @Nullable
    Boolean optionalBoolean(String field) throws ApiException {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw new ApiException(400, "invalid_type", "'" + field + "' must be true or false, was " + preview(e), field);
    }

    /** The field as a number, or null when it is absent or JSON null. */
    @Nullable
    Double optionalNumber(String field) throws ApiException {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new ApiException(400, "invalid_type", "'" + field + "' must be a number, was " + preview(e), field);
    }

    /** True when the field is present, also as JSON null (null clears a value; absent keeps it). */
    boolean has(String field) {
        return object.has(field);
    }

    /** The field itself (any JSON), or null when it is absent or JSON null. */
    @Nullable
    JsonElement optionalElement(String field) {
        JsonElement e = object.get(field);
        return e == null || e.isJsonNull() ? null : e;
    }
}
