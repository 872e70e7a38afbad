package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Unpacks jSerialComm's native library under {@code target/} and points jSerialComm at it, so that tests write
 * nothing to the system's temporary folder (jSerialComm's default).
 */
@NonNullByDefault
final class JSerialCommNativeLibrary {

    private static final String PROPERTY = "jSerialComm.library.path";

    private JSerialCommNativeLibrary() {
    }

    static synchronized void keepUnderTarget() {
        if (System.getProperty(PROPERTY) != null
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "armv8_64";
            default -> "";
        };
        if (arch.isEmpty()) {
            return;
        }
        Path directory = Path.of("target", "jserialcomm").toAbsolutePath();
        try (InputStream library = JSerialCommNativeLibrary.class
                .getResourceAsStream("/Linux/" + arch + "/libjSerialComm.so")) {
            if (library == null) {
                return;
            }
            Files.createDirectories(directory);
            Files.copy(library, directory.resolve("libjSerialComm.so"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PROPERTY, directory.toString());
    }
}
