package org.openhab.binding.chargepriority.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The standalone runtime ({@code runtime/target/chargepriority.jar}) as a child process, for
 * process-level tests: what a user gets with {@code java -jar}.
 * <p>
 * Each instance owns a fresh working directory {@code runtime/target/it/<name>/} holding a copy of
 * the repository's {@code conf/}; the runtime writes its {@code data/} there, its console output
 * goes to {@code console.log} there (appended across restarts) and its temporary files to
 * {@code tmp/} there. It listens on a free port of 127.0.0.1 only, so tests run beside an instance
 * on port 8000. It can be stopped gracefully (SIGTERM: the framework stops every bundle), killed
 * ({@code kill -9}) and started again on the same directory and port.
 * <p>
 * Tests never reach the internet: reverse geocoding (Nominatim) is switched off in the copied
 * configuration; a test that needs it points {@code geocoding.baseUrl} at a local stub and turns it on.
 */
public final class RuntimeProcess implements AutoCloseable {

    /** Bound for start-up until {@code /chargepriority/health} answers 200. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Bound for a graceful stop before the process is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    public static final String HEALTH_PATH = "/chargepriority/health";
    public static final String CONFIG_FILE = "chargepriority.cfg";

    /** A log line at level ERROR or FATAL, from Log4j 2, the Felix framework or the XML parser. */
    private static final Pattern ERROR_LINE = Pattern.compile("\\b(ERROR|FATAL)\\b|\\[Fatal Error\\]");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private final Path jar;
    private final Path workDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final List<String> jvmArgs = new ArrayList<>();
    private Process process;

    private RuntimeProcess(Path jar, Path workDir, int port) {
        this.jar = jar;
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * A runtime in a fresh working directory {@code <it dir>/<name>} (deleted first if present) with a
     * copy of the repository's {@code conf/}, geocoding off. Not started yet: change its configuration
     * first if needed.
     */
    public static RuntimeProcess create(String name) {
        Path jar = Path.of(System.getProperty("chargepriority.runtime.jar", "target/chargepriority.jar"))
                .toAbsolutePath();
        Path conf = Path.of(System.getProperty("chargepriority.conf.dir", "../conf")).toAbsolutePath();
        Path itDir = Path.of(System.getProperty("chargepriority.it.dir", "target/it")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn package)");
        }
        Path workDir = itDir.resolve(name);
        try {
            deleteRecursively(workDir);
            copyRecursively(conf, workDir.resolve("conf"));
            Files.createDirectories(workDir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuntimeProcess(jar, workDir, freeLoopbackPort()).withConfig("geocoding.enabled", "false");
    }

    /**
     * Sets {@code key=value} in {@code conf/chargepriority.cfg} of this runtime, replacing the key's
     * line (also a commented-out one) or appending it. A running runtime picks the change up within
     * FileInstall's poll interval (2 s).
     */
    public RuntimeProcess withConfig(String key, String value) {
        Path cfg = confDir().resolve(CONFIG_FILE);
        Pattern keyLine = Pattern.compile("^#?\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (keyLine.matcher(lines.get(i)).matches()) {
                    lines.set(i, key + "=" + value);
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                lines.add(key + "=" + value);
            }
            // beside it and renamed over it, as an editor saving the file: FileInstall never reads half a file
            Path tmp = cfg.resolveSibling("." + CONFIG_FILE + ".edit");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds JVM options (e.g. {@code -Xmx64m}) to the next starts. */
    public RuntimeProcess withJvmArgs(String... args) {
        jvmArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Starts {@code java -jar chargepriority.jar} in the working directory and waits until
     * {@code /chargepriority/health} answers 200.
     *
     * @return the time from starting the process to the first 200
     * @throws IllegalStateException if it is already running, exits, or is not healthy within
     *             {@link #START_TIMEOUT} (the process is then killed)
     */
    public Duration start() {
        if (isRunning()) {
            throw new IllegalStateException("already running");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-Djava.io.tmpdir=" + workDir.resolve("tmp"), //
                "-Dorg.osgi.service.http.port=" + port, //
                "-Dorg.ops4j.pax.web.listening.addresses=127.0.0.1", //
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command) //
                .directory(workDir.toFile()) //
                .redirectErrorStream(true) //
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "runtime exited with " + process.exitValue() + " before it was healthy\n" + consoleTail());
            }
            if (healthStatus() == 200) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            sleep(POLL_MILLIS);
        }
        kill();
        throw new IllegalStateException(
                "runtime not healthy within " + START_TIMEOUT.toSeconds() + " s\n" + consoleTail());
    }

    /**
     * Stops the runtime gracefully (SIGTERM: the framework stops every bundle first), killing it if it
     * has not exited within {@link #STOP_TIMEOUT}.
     *
     * @return the exit code (143 after SIGTERM on Linux), or -1 if it was not running
     */
    public int stop() {
        Process p = process;
        if (p == null) {
            return -1;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        } finally {
            process = null;
        }
    }

    /** Kills the runtime at once ({@code kill -9}): nothing in it gets to clean up. */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** GET on this runtime, e.g. {@code get("/chargepriority/api/status")}. */
    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any method on this runtime, with a JSON body or none. */
    public HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process id, while it runs. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("not running");
        }
        return p.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    public Path confDir() {
        return workDir.resolve("conf");
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Everything the process wrote to stdout and stderr, over all its starts. */
    public Path consoleLog() {
        return workDir.resolve("console.log");
    }

    /** The rotating application log, {@code data/logs/app.log}. */
    public Path appLog() {
        return dataDir().resolve("logs").resolve("app.log");
    }

    /** Lines at level ERROR or FATAL in the console output and in {@code app.log}, each prefixed with its file. */
    public List<String> errorLines() {
        List<String> errors = new ArrayList<>();
        for (Path log : List.of(consoleLog(), appLog())) {
            for (String line : readLines(log)) {
                if (ERROR_LINE.matcher(line).find()) {
                    errors.add(log.getFileName() + ": " + line);
                }
            }
        }
        return errors;
    }

    @Override
    public void close() {
        stop();
    }

    private int healthStatus() {
        HttpRequest request = HttpRequest.newBuilder(uri(HEALTH_PATH)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String consoleTail() {
        List<String> lines = readLines(consoleLog());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            // the runtime may write while we read; a partial last line does no harm here
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the condition holds, polling every 200 ms; fails naming what was awaited. */
    public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
