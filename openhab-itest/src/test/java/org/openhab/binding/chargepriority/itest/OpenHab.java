package org.openhab.binding.chargepriority.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The real openHAB 4.3.11 runtime of {@code ../shared/openhab-real}, driven through its harness ({@code runtime.sh}:
 * Karaf console over SSH, deploy/, model files) and over HTTP on its port 8080, as a user and an administrator would.
 */
final class OpenHab {

    static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
    static final Path HARNESS = SHARED.resolve("openhab-real/runtime.sh");
    static final String BASE = "http://127.0.0.1:8080";
    /** runtime.sh returns this when the machine has no real openHAB runtime. */
    private static final int ABSENT = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Result(int code, String out, String err) {
        boolean ok() {
            return code == 0;
        }
    }

    private OpenHab() {
    }

    /** True when this machine has the real runtime (else runtime.sh says so and returns 3). */
    static boolean present() {
        return Files.isRegularFile(HARNESS) && run(Duration.ofSeconds(30), "true").code() != ABSENT;
    }

    /** Runs one of the harness's functions (or any command) in a shell that sourced the harness. */
    static Result run(Duration timeout, String... command) {
        // $0 must not be the harness itself: it tells "sourced" from "run as a command" by comparing the two.
        List<String> args = new ArrayList<>(List.of("bash", "-c",
                "source \"$OH_HARNESS\" >/dev/null 2>&1 || exit " + ABSENT + "; \"$@\"", "openhab-itest"));
        args.addAll(List.of(command));
        try {
            Path out = Files.createTempFile("oh-out", ".txt");
            Path err = Files.createTempFile("oh-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("OH_HARNESS", HARNESS.toString());
            Process p = builder.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a harness function that must succeed. */
    static String must(Duration timeout, String... command) {
        Result r = run(timeout, command);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.code() + "):\n" + r.out() + r.err());
        }
        return r.out();
    }

    /** A Karaf/openHAB console command. */
    static String console(String command) {
        return must(Duration.ofSeconds(120), "oh_cmd", command);
    }

    /** A variable of the harness (OH_LOG, OH_CONF, OH_KARAF...). */
    static String variable(String name) {
        return must(Duration.ofSeconds(30), "eval", "echo \"$" + name + "\"").trim();
    }

    /** An API token of an administrator, for openHAB's REST API (its Thing and channel type resources need one). */
    private static volatile String adminToken = "";

    /** Makes an administrator with an API token, as a user does in the UI (Profile, API tokens). */
    static void signInAsAdministrator() {
        run(Duration.ofSeconds(60), "oh_cmd", "openhab:users add itest itest-" + System.nanoTime() + " administrator");
        String out = console("openhab:users addApiToken itest it" + System.currentTimeMillis() + " admin");
        adminToken = out.lines().map(String::trim).filter(l -> l.startsWith("oh.")).findFirst()
                .orElseThrow(() -> new AssertionError("no API token: " + out));
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Accept", "application/json").GET());
    }

    static HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        if (request.build().uri().getPath().startsWith("/rest/") && !adminToken.isEmpty()) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("HTTP to openHAB failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Listens to openHAB's event stream (server-sent events, {@code /rest/events}) for the topics, runs the trigger,
     * and returns the first event line that contains {@code wanted}, or fails after the timeout.
     */
    static String awaitEvent(String topics, String wanted, Duration timeout, Runnable trigger) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/rest/events?topics=" + topics))
                .header("Accept", "text/event-stream");
        if (!adminToken.isEmpty()) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HTTP
                .sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        java.util.concurrent.atomic.AtomicReference<java.util.stream.Stream<String>> body = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                java.util.stream.Stream<String> stream = response.get(20, java.util.concurrent.TimeUnit.SECONDS).body();
                body.set(stream);
                stream.forEach(lines::add);
            } catch (Exception e) {
                lines.add("ERROR " + e);
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        sleep(Duration.ofSeconds(1)); // subscribed before the trigger
        trigger.run();
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < end) {
                String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (line != null && line.contains(wanted)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            response.cancel(true);
            java.util.stream.Stream<String> stream = body.get();
            if (stream != null) {
                stream.close(); // closes the connection
            }
            reader.interrupt();
        }
        throw new AssertionError("no event " + wanted + " on " + topics + " within " + timeout);
    }

    static JsonElement json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body());
    }

    /** The Thing as openHAB's REST API shows it (label, configuration, statusInfo...). */
    static JsonObject thing(String uid) {
        return json("/rest/things/" + uid).getAsJsonObject();
    }

    /** "ONLINE", "OFFLINE (CONFIGURATION_ERROR)"..., or "NOT_FOUND". */
    static String status(String uid) {
        HttpResponse<String> r = get("/rest/things/" + uid);
        if (r.statusCode() == 404) {
            return "NOT_FOUND";
        }
        JsonObject info = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("statusInfo");
        String detail = info.get("statusDetail").getAsString();
        return info.get("status").getAsString() + ("NONE".equals(detail) ? "" : " (" + detail + ")");
    }

    static JsonObject item(String name) {
        return json("/rest/items/" + name).getAsJsonObject();
    }

    static String state(String item) {
        return item(item).get("state").getAsString();
    }

    /** Sends a command to an item, as a rule or a UI does. */
    static void command(String item, String command) {
        console("openhab:send " + item + " " + command);
    }

    static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    static void awaitStatus(String uid, String status, Duration timeout) {
        String[] last = { "" };
        try {
            await(uid + " " + status, timeout, () -> status.equals(last[0] = status(uid)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (last: " + last[0] + ")", e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
