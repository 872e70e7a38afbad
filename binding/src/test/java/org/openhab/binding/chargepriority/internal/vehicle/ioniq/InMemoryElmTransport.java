package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A {@link SerialTransport} wired straight to a {@link SimulatedElm327}, for protocol tests that need no port. Each
 * command written is answered at once; delays and vanishing are not simulated here.
 */
@NonNullByDefault
final class InMemoryElmTransport implements SerialTransport {

    private final SimulatedElm327 elm;
    private final Deque<Byte> pending = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean open;

    InMemoryElmTransport(SimulatedElm327 elm) {
        this.elm = elm;
    }

    /** Puts bytes in the input as if the adapter had sent them unasked. */
    void inject(String text) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            pending.add(b);
        }
    }

    byte[] written() {
        return written.toByteArray();
    }

    @Override
    public void open() {
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void write(byte[] data) throws IOException {
        requireOpen();
        written.writeBytes(data);
        for (byte b : data) {
            elm.recordByte(b);
            if (b == '\r') {
                String command = line.toString().trim();
                line.setLength(0);
                elm.recordCommand(command);
                for (byte reply : elm.respond(command, elm.takeReaction(command))) {
                    pending.add(reply);
                }
            } else {
                line.append((char) b);
            }
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        requireOpen();
        if (pending.isEmpty()) {
            // nothing will come: let a little of the time-out pass instead of spinning
            try {
                Thread.sleep(Math.min(5, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return 0;
        }
        int count = 0;
        while (count < buffer.length && !pending.isEmpty()) {
            buffer[count++] = pending.poll();
        }
        return count;
    }

    @Override
    public void discardInput() {
        pending.clear();
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String name() {
        return "in-memory";
    }

    private void requireOpen() throws IOException {
        if (!open) {
            throw new IOException("closed");
        }
    }
}
