package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.OAuthStateException;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaAccount;
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
 * <p>
 * A sign-in is an account's, not a car's: every Tesla of the household read with that account (its bridge and
 * region) uses it. A household with Teslas in several regions names the one to sign in:
 * {@code /chargepriority/oauth/tesla?region=NA}. The callback finds its account by the sign-in's {@code state}.
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
        List<TeslaAccount> accounts = accounts();
        if (accounts.isEmpty()) {
            page(resp, 409, "Tesla not configured",
                    "Set the Tesla client id, client secret, region and VIN in the configuration first.");
            return;
        }
        URI redirect = redirectUri(req);
        if ("/tesla".equals(path)) {
            TeslaAccount account = chosen(accounts, req.getParameter("region"), resp);
            if (account != null) {
                resp.setHeader("Cache-Control", "no-store");
                resp.sendRedirect(account.oauth().authorizeUrl(redirect).toString());
            }
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
        // The account that started this sign-in; with none, the first refuses the unknown state.
        TeslaAccount account = accounts.stream().filter(a -> a.oauth().knows(state)).findFirst()
                .orElse(accounts.get(0));
        try {
            account.oauth().exchange(state, code, redirect);
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
                "The binding can now read your Teslas on this account. It never wakes a car.", true);
    }

    /** The Tesla accounts of the household's real Teslas, each once, in the household's order. */
    private List<TeslaAccount> accounts() {
        Household h = registry.current();
        List<TeslaAccount> accounts = new ArrayList<>();
        if (h != null) {
            for (VehicleSlot slot : h.slots()) {
                if (slot.real() instanceof TeslaFleetService tesla && !accounts.contains(tesla.account())) {
                    accounts.add(tesla.account());
                }
            }
        }
        return accounts;
    }

    /** The account to sign in; null after answering the request when the choice is unclear or wrong. */
    private static @Nullable TeslaAccount chosen(List<TeslaAccount> accounts, @Nullable String region,
            HttpServletResponse resp) throws IOException {
        String regions = accounts.stream().map(a -> a.region().name()).distinct().collect(Collectors.joining(", "));
        if (region == null || region.isBlank()) {
            if (accounts.size() == 1) {
                return accounts.get(0);
            }
            page(resp, 409, "Which Tesla account?", "This household reads Teslas of the regions " + regions
                    + ", each with its own sign-in: open /chargepriority/oauth/tesla?region= with one of them.");
            return null;
        }
        for (TeslaAccount a : accounts) {
            if (a.region().name().equalsIgnoreCase(region.trim())) {
                return a;
            }
        }
        page(resp, 404, "No such Tesla account",
                "This household reads no Tesla of that region; its regions are " + regions + ".");
        return null;
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
        page(resp, status, title, message, false);
    }

    /** Everything shown is escaped: messages may carry what the request said (Tesla's error, a region). */
    private static void page(HttpServletResponse resp, int status, String title, @Nullable String message,
            boolean linkToDashboard) throws IOException {
        String text = escape(message == null ? "" : message)
                + (linkToDashboard ? " <a href=\"/chargepriority/\">Back to the dashboard</a>" : "");
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + text + "</p></body></html>")
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
