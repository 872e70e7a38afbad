package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

/**
 * The REST API under {@code /chargepriority}: health and status (the full API grows here).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName(ApiServlet.NAME)
@HttpWhiteboardServletPattern(ApiServlet.PATTERN)
@NonNullByDefault
public class ApiServlet extends HttpServlet {

    public static final String NAME = "chargepriority-api";
    public static final String PATTERN = "/chargepriority/*";
    private static final long serialVersionUID = 1L;

    private final transient HouseholdRegistry registry;
    private transient volatile @Nullable CachedJson statusCache;

    private record CachedJson(long sequence, byte[] body) {
    }

    @Activate
    public ApiServlet(@Reference HouseholdRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp) throws IOException {
        if (req == null || resp == null) {
            return;
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        Household household = registry.current();
        switch (path) {
            case "/health" -> health(resp, household);
            case "/api/status" -> {
                if (household == null) {
                    error(resp, 503, "not_ready", "The household is not running yet");
                } else {
                    status(resp, household);
                }
            }
            default -> error(resp, 404, "not_found", "No such path: " + path);
        }
    }

    private void health(HttpServletResponse resp, @Nullable Household household) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("status", household != null ? "healthy" : "starting");
        if (household != null) {
            var settings = household.settings();
            settings.mockModes().forEach((id, mock) -> o.addProperty(id + "_mock_mode", mock));
            o.addProperty("scheduler_running", household.schedulerStatus().running());
        }
        write(resp, household != null ? 200 : 503, StatusJson.GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
    }

    private void status(HttpServletResponse resp, Household household) throws IOException {
        HouseholdSnapshot snapshot = household.snapshot();
        CachedJson cached = statusCache;
        if (cached == null || cached.sequence() != snapshot.sequence()) {
            ZoneId zone = household.clock().getZone();
            cached = new CachedJson(snapshot.sequence(),
                    StatusJson.GSON.toJson(StatusJson.status(snapshot, zone)).getBytes(StandardCharsets.UTF_8));
            statusCache = cached;
        }
        write(resp, 200, cached.body());
    }

    static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("error", code);
        o.addProperty("detail", message);
        write(resp, status, StatusJson.GSON.toJson(o).getBytes(StandardCharsets.UTF_8));
    }

    static void write(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
