package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A pair of connected pseudo-terminals made by socat, with stable link names under {@code target/}: the binding opens
 * {@link #adapterSide()}, the simulated adapter serves {@link #carSide()}. Stopping socat makes the adapter vanish
 * (the links go away, reads fail); starting it again brings it back under the same names.
 */
@NonNullByDefault
final class PtyPair implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 5000;

    private final Path directory;
    private final Path adapterSide;
    private final Path carSide;
    private @Nullable Process socat;

    PtyPair(Path directory) {
        this.directory = directory;
        this.adapterSide = directory.resolve("ttyA");
        this.carSide = directory.resolve("ttyB");
    }

    /** Skips the calling test, with a message saying why, where socat (or a Linux pty) is missing. */
    static void assumeSocat() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "pseudo-terminal tests run on Linux only");
        assumeTrue(socatInstalled(), "socat is not installed: pseudo-terminal tests skipped (apt-get install socat)");
    }

    private static boolean socatInstalled() {
        try {
            Process process = new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                out.readAllBytes();
            }
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path adapterSide() {
        return adapterSide;
    }

    Path carSide() {
        return carSide;
    }

    void start() {
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(adapterSide);
            Files.deleteIfExists(carSide);
            Process process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + adapterSide,
                    "pty,raw,echo=0,link=" + carSide).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("socat.log").toFile()).start();
            socat = process;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            while (!(Files.exists(adapterSide) && Files.exists(carSide))) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("socat did not create " + adapterSide + " and " + carSide);
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends socat (SIGTERM, so it removes its links); both sides' reads and writes fail from then on. */
    void stop() {
        Process process = socat;
        socat = null;
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(adapterSide);
            Files.deleteIfExists(carSide);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
