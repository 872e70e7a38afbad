package org.openhab.binding.chargepriority.internal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.openhab.binding.chargepriority.internal.core.HouseholdListener;
import org.openhab.binding.chargepriority.internal.core.HouseholdSnapshot;
import org.openhab.binding.chargepriority.internal.core.plan.PlanView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * The connected WebSocket clients of one servlet and the household they follow: a {@code status_update} to every
 * client after each new snapshot (each update and each settings change), serialized once per broadcast and sent
 * asynchronously, so that a slow or dead client never delays the household or the other clients.
 */
@NonNullByDefault
final class WsHub implements HouseholdListener {

    private final Logger logger = LoggerFactory.getLogger(WsHub.class);
    private final HouseholdRegistry registry;
    private final int maxClients;
    private final int maxPending;
    private final Set<WsClient> clients = ConcurrentHashMap.newKeySet();
    private final StatusCache cache = new StatusCache();
    private final Consumer<@Nullable Household> watcher = this::follow;

    // Guarded by "this": joining and broadcasting are ordered, so a client's first message is always initial_status.
    private volatile @Nullable Household household;
    private boolean started;

    /**
     * @param maxClients connections beyond this are refused at the handshake
     * @param maxPending messages a client may have waiting to be written before it is dropped as too slow
     */
    WsHub(HouseholdRegistry registry, int maxClients, int maxPending) {
        this.registry = registry;
        this.maxClients = maxClients;
        this.maxPending = maxPending;
    }

    synchronized void start() {
        if (!started) {
            started = true;
            registry.watch(watcher);
        }
    }

    /** Stops following the household and closes every connection (going away). */
    void stop() {
        synchronized (this) {
            if (!started) {
                return;
            }
            started = false;
        }
        registry.unwatch(watcher);
        follow(null);
        for (WsClient c : clients) {
            c.close(1001, "The server is stopping");
        }
        clients.clear();
    }

    int maxPending() {
        return maxPending;
    }

    boolean isFull() {
        return clients.size() >= maxClients;
    }

    int clientCount() {
        return clients.size();
    }

    private synchronized void follow(@Nullable Household next) {
        Household previous = household;
        if (previous == next) {
            return;
        }
        if (previous != null) {
            previous.removeListener(this);
        }
        household = next;
        if (next != null) {
            next.addListener(this);
            if (!clients.isEmpty()) {
                broadcast(next, next.snapshot());
            }
        }
    }

    /** The plan last sent, so that a snapshot with the same plan sends no plan_update. Guarded by "this". */
    private @Nullable PlanView lastPlan;
    private boolean lastPlanActive;

    @Override
    public void onSnapshot(HouseholdSnapshot snapshot) {
        Household h;
        synchronized (this) {
            h = household;
            if (h == null) {
                return;
            }
            broadcast(h, snapshot);
        }
    }

    /** Caller holds the lock. */
    private void broadcast(Household h, HouseholdSnapshot snapshot) {
        if (clients.isEmpty()) {
            return;
        }
        String message = statusMessage("status_update", h, snapshot);
        PlanView plan = snapshot.plan();
        // Sent while a plan decides, and once more when it stops deciding; not at all with the snapshot rule alone.
        boolean relevant = plan != null && (plan.active() || lastPlanActive);
        String planMessage = relevant && plan != lastPlan ? planMessage(h, snapshot) : null;
        lastPlan = plan;
        lastPlanActive = plan != null && plan.active();
        for (WsClient c : clients) {
            c.send(message);
            if (planMessage != null) {
                c.send(planMessage);
            }
        }
    }

    /** {@code {"type": "plan_update", "timestamp": ..., <the fields of GET /api/plan>}}. */
    private String planMessage(Household h, HouseholdSnapshot snapshot) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "plan_update");
        o.addProperty("timestamp", StatusJson.time(h.clock().instant(), h.clock().getZone()));
        PlanJson.plan(snapshot, h.clock().getZone(), h.clock().instant()).entrySet()
                .forEach(e -> o.add(e.getKey(), e.getValue()));
        return StatusJson.GSON.toJson(o);
    }

    /** A new connection: registered and sent initial_status before any status_update can reach it. */
    synchronized void join(WsClient client) {
        clients.add(client);
        Household h = household;
        if (h == null) {
            client.send(error("The household is not running yet; its status follows when it starts"));
        } else {
            HouseholdSnapshot snapshot = h.snapshot();
            client.send(statusMessage("initial_status", h, snapshot));
            if (snapshot.planActive()) {
                client.send(planMessage(h, snapshot));
            }
        }
    }

    void leave(WsClient client) {
        clients.remove(client);
    }

    /** {@code {"type": ..., "timestamp": ..., <the status fields>}}, reusing the status serialized once. */
    private String statusMessage(String type, Household h, HouseholdSnapshot snapshot) {
        String status = cache.get(h, snapshot).json();
        String timestamp = StatusJson.time(h.clock().instant(), h.clock().getZone());
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + timestamp + "\"," + status.substring(1);
    }

    String pong() {
        JsonObject o = new JsonObject();
        o.addProperty("type", "pong");
        o.addProperty("timestamp", timestamp());
        return StatusJson.GSON.toJson(o);
    }

    String error(String detail) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "error");
        o.addProperty("timestamp", timestamp());
        o.addProperty("detail", detail);
        return StatusJson.GSON.toJson(o);
    }

    private String timestamp() {
        Household h = household;
        return h != null ? StatusJson.time(h.clock().instant(), h.clock().getZone())
                : StatusJson.time(Instant.now(), ZoneOffset.UTC);
    }

    void logDropped(WsClient client, String why) {
        logger.debug("WebSocket client {} dropped: {}", client, why);
    }
}
