package org.openhab.binding.chargepriority.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The control for the HTTP figures: bare Jetty 9.4 (same version, default thread pool), no OSGi, no Pax Web, one
 * servlet answering {@code /chargepriority/health} and {@code /chargepriority/api/status} with fixed bodies of the
 * runtime's sizes. What wrk measures against it on this machine is the floor for the runtime.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openhab.binding.chargepriority.benchmarks.JettyBaseline PORT
 * </pre>
 */
public final class JettyBaseline {

    private JettyBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] health = "{\"status\":\"healthy\",\"tesla_mock_mode\":true,\"ioniq_mock_mode\":true,\"scheduler_running\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] status = new byte[2100];
        Arrays.fill(status, (byte) ' ');
        status[0] = '{';
        status[status.length - 1] = '}';
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                byte[] body = req.getRequestURI().endsWith("/health") ? health : status;
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.setCharacterEncoding("UTF-8");
                resp.setHeader("Cache-Control", "no-store");
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
            }
        }), "/chargepriority/*");
        server.setHandler(context);
        server.start();
        server.join();
    }
}
