package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Writing JSON answers, and the error body every servlet uses.
 */
@NonNullByDefault
final class HttpJson {

    static final String CONTENT_TYPE = "application/json;charset=utf-8";

    private HttpJson() {
    }

    static void write(HttpServletResponse resp, int status, JsonElement body) throws IOException {
        write(resp, status, StatusJson.GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    static void write(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    static JsonObject errorBody(String code, String detail, @Nullable String field) {
        JsonObject o = new JsonObject();
        o.addProperty("error", code);
        o.addProperty("detail", detail);
        if (field != null) {
            o.addProperty("field", field);
        }
        return o;
    }

    static void error(HttpServletResponse resp, int status, String code, String detail) throws IOException {
        write(resp, status, errorBody(code, detail, null));
    }

    static void error(HttpServletResponse resp, ApiException e) throws IOException {
        String message = e.getMessage();
        write(resp, e.status(), errorBody(e.code(), message != null ? message : e.code(), e.field()));
    }
}
