package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A byte pipe to the OBD adapter. The real one is a serial port (an RFCOMM device for a Bluetooth adapter); tests use
 * the same implementation against a pseudo-terminal.
 */
@NonNullByDefault
public interface SerialTransport extends AutoCloseable {

    /** Opens the port; a port that is already open is closed and opened again. */
    void open() throws IOException;

    boolean isOpen();

    void write(byte[] data) throws IOException;

    /**
     * Reads what has arrived, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing arrived in time
     * @throws IOException when the port is closed or has gone away
     */
    int read(byte[] buffer, Duration timeout) throws IOException;

    /** Throws away bytes that arrived but were never read, such as a reply that came after its time-out. */
    void discardInput() throws IOException;

    /** Closes the port; never throws and never blocks for long. */
    @Override
    void close();

    /** The port's path, for messages. */
    String name();
}
