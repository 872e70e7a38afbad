package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The recorded-style adapter replies under {@code src/test/resources/ioniq/}: one CAN frame a line, {@code #} comments.
 */
@NonNullByDefault
final class ElmFixtures {

    private ElmFixtures() {
    }

    static List<String> lines(String name) {
        try (InputStream in = ElmFixtures.class.getResourceAsStream("/ioniq/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one complete message in a fixture. */
    static byte[] message(String name) throws ElmException {
        List<byte[]> messages = ElmIsoTpReassembler.reassemble(lines(name), "7EC");
        if (messages.size() != 1) {
            throw new IllegalStateException(name + " holds " + messages.size() + " messages");
        }
        return messages.get(0);
    }
}
