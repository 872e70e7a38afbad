package org.openhab.binding.chargepriority.internal.web;

import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.StatusEnricher;
import org.openhab.binding.chargepriority.internal.core.VehicleSlot;
import org.openhab.binding.chargepriority.internal.store.HistoryStore;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.simulation.Simulation;

/**
 * The real servlets in a real Jetty 9.4 on 127.0.0.1 (mapped as the HTTP whiteboard maps them), serving a real
 * household: the simulated cars, a SQLite history file in the test's folder, and a clock the test controls. The clock
 * starts on a Saturday evening in Oslo, when both simulated cars are at home.
 */
final class WebTestServer implements AutoCloseable {

    static final Instant START = Instant.parse("2025-01-18T19:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    final MutableClock clock = new MutableClock(START, ZONE);
    final Simulation simulation;
    final List<HouseholdSettings> persisted = new CopyOnWriteArrayList<>();
    final HouseholdRegistry registry = new HouseholdRegistry();
    final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    final HistoryStore store;
    final Household household;
    final WsServlet ws;
    final Server server;
    final URI base;

    /** Options: what a test changes about the standard set-up. */
    static final class Options {
        WebSecurity security = WebSecurity.OPEN;
        Map<String, VehicleService> realServices = Map.of();
        /** Cars with no simulation (an http car), added after the simulated ones. */
        List<VehicleService> pushed = List.of();
        HouseholdSettings settings = HouseholdSettings.defaults();
        /** Simulated cars by Thing id and kind, as the openHAB bridge builds them; null: "tesla" and "ioniq". */
        List<Simulation.Car> simulatedCars;
        int maxClients = WsServlet.MAX_CLIENTS;
        int maxPending = WsServlet.MAX_PENDING_PER_CLIENT;
        int sendBufferBytes = -1;
        boolean register = true;
    }

    static WebTestServer start(Path dir) throws Exception {
        return start(dir, new Options());
    }

    static WebTestServer start(Path dir, WebSecurity security) throws Exception {
        Options o = new Options();
        o.security = security;
        return start(dir, o);
    }

    static WebTestServer start(Path dir, Options options) throws Exception {
        return new WebTestServer(dir, options);
    }

    private WebTestServer(Path dir, Options o) throws Exception {
        executor.setRemoveOnCancelPolicy(true);
        List<Simulation.Car> cars = o.simulatedCars;
        simulation = cars == null ? Simulation.create(clock, 59.9139, 10.7522, Simulation.defaultProfiles())
                : Simulation.forCars(clock, 59.9139, 10.7522, cars, name -> null);
        store = new HistoryStore(dir.resolve("charging_manager.db"));
        List<VehicleSlot> slots = new java.util.ArrayList<>(simulation.slots(o.realServices));
        o.pushed.forEach(car -> slots.add(VehicleSlot.of(car)));
        household = new Household(slots, o.settings, store, clock, executor, StatusEnricher.NONE, persisted::add);
        household.addListener(simulation::followPriority);
        household.start();
        awaitFirstUpdate();
        if (o.register) {
            registry.register(household, o.security);
        }

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (o.sendBufferBytes > 0) {
            connector.setAcceptedSendBufferSize(o.sendBufferBytes);
        }
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        ServletHolder api = new ServletHolder(ApiServlet.NAME, new ApiServlet(registry));
        context.addServlet(api, ApiServlet.API_PATTERN);
        context.addServlet(api, ApiServlet.HEALTH_PATTERN);
        context.addServlet(new ServletHolder(DashboardServlet.NAME, new DashboardServlet()), DashboardServlet.PATTERN);
        ws = new WsServlet(registry, o.maxClients, o.maxPending);
        context.addServlet(new ServletHolder(WsServlet.NAME, ws), WsServlet.PATTERN);
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private void awaitFirstUpdate() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (household.snapshot().lastUpdated() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The household's first update did not finish");
            }
            Thread.sleep(5);
        }
    }

    /** The server's own origin, as a browser on the dashboard sends it. */
    String origin() {
        return "http://127.0.0.1:" + base.getPort();
    }

    URI http(String path) {
        return base.resolve(path);
    }

    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + base.getPort() + pathAndQuery);
    }

    /** Runs an update with the clock moved on, and returns its snapshot. */
    HouseholdSnapshot updateAfter(Duration d) throws Exception {
        clock.advance(d);
        return household.requestFreshUpdate().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        household.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }
}
