package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.OAuthStateException;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaFleetService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's Tesla sign-in: {@code /chargepriority/oauth/tesla} sends the browser to Tesla (authorization code with
 * PKCE), {@code /chargepriority/oauth/tesla/callback} checks the state and exchanges the code. The redirect URI is
 * this server's own address as the browser used it, so it must be registered with the Tesla app exactly so.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("chargepriority-oauth")
@HttpWhiteboardServletPattern("/chargepriority/oauth/*")
@NonNullByDefault
public class TeslaOAuthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CALLBACK_PATH = "/chargepriority/oauth/tesla/callback";

    private final Logger logger = LoggerFactory.getLogger(TeslaOAuthServlet.class);
    private final transient HouseholdRegistry registry;

    @Activate
    public TeslaOAuthServlet(@Reference HouseholdRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp) throws IOException {
        if (req == null || resp == null) {
            return;
        }
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!"/tesla".equals(path) && !"/tesla/callback".equals(path)) {
            page(resp, 404, "Not found", "There is no sign-in at this address.");
            return;
        }
        TeslaFleetService tesla = tesla();
        if (tesla == null) {
            page(resp, 409, "Tesla not configured",
                    "Set the Tesla client id, client secret, region and VIN in the configuration first.");
            return;
        }
        URI redirect = redirectUri(req);
        if ("/tesla".equals(path)) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendRedirect(tesla.oauth().authorizeUrl(redirect).toString());
            return;
        }
        String error = req.getParameter("error");
        if (error != null) {
            page(resp, 400, "Sign-in not completed",
                    "Tesla answered: " + error + ". Open /chargepriority/oauth/tesla to try again.");
            return;
        }
        String state = req.getParameter("state");
        String code = req.getParameter("code");
        if (state == null || code == null) {
            page(resp, 400, "Sign-in not completed", "The callback needs both 'state' and 'code'.");
            return;
        }
        try {
            tesla.oauth().exchange(state, code, redirect);
        } catch (OAuthStateException e) {
            page(resp, 400, "Sign-in refused", e.getMessage());
            return;
        } catch (VehicleException e) {
            logger.debug("Tesla sign-in failed: {}", e.getMessage());
            // Tesla unreachable or failing is a bad gateway; an account of another region, or a client Tesla
            // refuses, is the user's configuration: a 4xx page that says what to set.
            boolean gateway = e.kind() == VehicleException.Kind.COMMUNICATION;
            page(resp, gateway ? 502 : 409, "Sign-in failed", e.getMessage());
            return;
        }
        Household h = registry.current();
        if (h != null) {
            h.requestUpdate();
        }
        page(resp, 200, "Tesla connected",
                "The binding can now read your Tesla. It never wakes the car. <a href=\"/chargepriority/\">Back to the dashboard</a>");
    }

    private @Nullable TeslaFleetService tesla() {
        Household h = registry.current();
        VehicleSlot slot = h == null ? null : h.slot(TeslaFleetService.ID);
        VehicleService real = slot == null ? null : slot.real();
        return real instanceof TeslaFleetService t ? t : null;
    }

    static URI redirectUri(HttpServletRequest req) {
        String host = req.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = req.getServerName() + ":" + req.getServerPort();
        }
        return URI.create(req.getScheme() + "://" + host + CALLBACK_PATH);
    }

    private static void page(HttpServletResponse resp, int status, String title, @Nullable String message)
            throws IOException {
        String safe = message == null ? "" : message;
        if (!safe.contains("<a href=")) {
            safe = escape(safe);
        }
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + safe + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
