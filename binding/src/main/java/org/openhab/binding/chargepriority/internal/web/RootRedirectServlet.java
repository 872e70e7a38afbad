package org.openhab.binding.chargepriority.internal.web;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Standalone only: {@code /} redirects to the dashboard. Inside openHAB {@code /} belongs to openHAB's UI, so this is
 * registered by the standalone component, not as a component of its own.
 */
@NonNullByDefault
public class RootRedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(@Nullable HttpServletRequest req, @Nullable HttpServletResponse resp) throws IOException {
        if (req == null || resp == null) {
            return;
        }
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if ("/".equals(path) || path.isEmpty()) {
            resp.sendRedirect("/chargepriority/");
        } else {
            HttpJson.error(resp, 404, "not_found", "No such path: " + path);
        }
    }
}
