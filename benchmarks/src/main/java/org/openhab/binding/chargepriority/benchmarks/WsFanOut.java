package org.openhab.binding.chargepriority.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out: N clients on {@code /chargepriority/ws}; each round triggers one change (PUT threshold, which
 * recomputes and publishes at once) and measures the time from sending the request to the {@code status_update}
 * arriving at the last of the N clients.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openhab.binding.chargepriority.benchmarks.WsFanOut \
 *     http://127.0.0.1:PORT [clients=1000] [rounds=20]
 * </pre>
 */
public final class WsFanOut {

    private WsFanOut() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI ws = URI.create(base.replaceFirst("^http", "ws") + "/chargepriority/ws");

        AtomicLong[] lastArrival = new AtomicLong[clients];
        CountDownLatch[] round = new CountDownLatch[1];
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(clients);
        long c0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            lastArrival[i] = new AtomicLong();
            AtomicLong arrival = lastArrival[i];
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        if (message.startsWith("{\"type\":\"initial_status\"")) {
                            connected.countDown();
                        } else if (message.startsWith("{\"type\":\"status_update\"")) {
                            arrival.set(System.nanoTime());
                            CountDownLatch r = round[0];
                            if (r != null) {
                                r.countDown();
                            }
                        }
                    }
                    webSocket.request(1);
                    return null;
                }
            };
            sockets.add(http.newWebSocketBuilder().buildAsync(ws, listener).get(10, TimeUnit.SECONDS));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(connected.getCount() + " clients got no initial_status");
        }
        System.out.printf(Locale.ROOT, "# %d clients connected in %.1f s; %d rounds of PUT /api/settings/threshold%n",
                clients, (System.nanoTime() - c0) / 1e9, rounds);

        long[] all = new long[rounds];
        long[] first = new long[rounds];
        for (int r = 0; r < rounds + 2; r++) {
            CountDownLatch latch = new CountDownLatch(clients);
            round[0] = latch;
            int threshold = 70 + r % 20;
            long t0 = System.nanoTime();
            HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/chargepriority/api/settings/threshold?threshold=" + threshold))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("PUT threshold answered " + put.statusCode());
            }
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(latch.getCount() + " clients missed the status_update of round " + r);
            }
            long last = 0;
            long earliest = Long.MAX_VALUE;
            for (AtomicLong a : lastArrival) {
                last = Math.max(last, a.get());
                earliest = Math.min(earliest, a.get());
            }
            if (r >= 2) { // two warm-up rounds
                all[r - 2] = last - t0;
                first[r - 2] = earliest - t0;
            }
            Thread.sleep(200);
        }
        Arrays.sort(all);
        Arrays.sort(first);
        System.out.printf(Locale.ROOT,
                "update -> status_update at all %d clients: p50 %.1f ms, p99 %.1f ms, max %.1f ms (first client: p50 %.1f ms)%n",
                clients, all[rounds / 2] / 1e6, all[(int) Math.ceil(rounds * 0.99) - 1] / 1e6,
                all[rounds - 1] / 1e6, first[rounds / 2] / 1e6);
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        for (WebSocket s : sockets) {
            closing.add(s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
}
