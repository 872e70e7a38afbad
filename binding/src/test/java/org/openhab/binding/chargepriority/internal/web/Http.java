package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real HTTP client (java.net.http, HTTP/1.1) with the few conveniences the tests need.
 */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** An answer: status, headers and body. */
    record Answer(int status, HttpResponse<byte[]> response) {
        String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return response.body();
        }

        JsonObject json() {
            JsonElement e = JsonParser.parseString(body());
            return e.getAsJsonObject();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    private final URI base;
    private final String[] headers;

    private Http(URI base, String... headers) {
        this.base = base;
        this.headers = headers;
    }

    static Http to(WebTestServer server, String... headers) {
        return new Http(server.base, headers);
    }

    Answer get(String path, String... extra) throws IOException, InterruptedException {
        return send("GET", path, BodyPublishers.noBody(), extra);
    }

    Answer post(String path, String... extra) throws IOException, InterruptedException {
        return send("POST", path, BodyPublishers.noBody(), extra);
    }

    Answer put(String path, String body, String... extra) throws IOException, InterruptedException {
        return send("PUT", path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body), extra);
    }

    Answer send(String method, String path, BodyPublisher body, String... extra)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        for (int i = 0; i < extra.length; i += 2) {
            b.header(extra[i], extra[i + 1]);
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r);
    }
}
