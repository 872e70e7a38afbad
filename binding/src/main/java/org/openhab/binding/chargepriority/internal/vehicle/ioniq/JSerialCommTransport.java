package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/**
 * {@link SerialTransport} over jSerialComm. The port is looked up by path on every open, so an RFCOMM device or a
 * symbolic link that was re-created while the adapter was away is found again.
 */
@NonNullByDefault
public class JSerialCommTransport implements SerialTransport {

    private static final int ERRNO_NO_SUCH_FILE = 2;
    private static final int ERRNO_PERMISSION_DENIED = 13;
    private static final int ERRNO_BUSY = 16;
    private static final int MAX_DISCARD_ROUNDS = 64;

    private final String path;
    private final int baudRate;
    private volatile @Nullable SerialPort port;
    private int readTimeoutMs = -1;

    public JSerialCommTransport(String path, int baudRate) {
        this.path = path;
        this.baudRate = baudRate;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port at " + path, e);
        }
        candidate.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!candidate.openPort()) {
            throw new IOException(openFailure(candidate.getLastErrorCode()));
        }
        readTimeoutMs = -1;
        port = candidate;
    }

    private String openFailure(int errno) {
        return switch (errno) {
            case ERRNO_NO_SUCH_FILE -> "no serial port at " + path;
            case ERRNO_PERMISSION_DENIED -> "permission denied on " + path + " (is the user in the dialout group?)";
            case ERRNO_BUSY -> path + " is in use by another program";
            default -> "cannot open " + path + " (error " + errno + ")";
        };
    }

    @Override
    public boolean isOpen() {
        SerialPort current = port;
        return current != null && current.isOpen();
    }

    @Override
    public void write(byte[] data) throws IOException {
        SerialPort current = openPort();
        int written = current.writeBytes(data, data.length);
        if (written != data.length) {
            throw gone(current);
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        SerialPort current = openPort();
        // 0 means "wait forever" to jSerialComm: never pass it
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (timeoutMs != readTimeoutMs) {
            current.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeoutMs, 0);
            readTimeoutMs = timeoutMs;
        }
        int count = current.readBytes(buffer, buffer.length);
        if (count < 0) {
            throw gone(current);
        }
        return count;
    }

    @Override
    public void discardInput() throws IOException {
        SerialPort current = openPort();
        byte[] junk = new byte[256];
        for (int round = 0; round < MAX_DISCARD_ROUNDS; round++) {
            int available = current.bytesAvailable();
            if (available < 0) {
                throw gone(current);
            }
            if (available == 0) {
                return;
            }
            current.readBytes(junk, Math.min(available, junk.length));
        }
    }

    @Override
    public void close() {
        SerialPort current = port;
        port = null;
        if (current != null) {
            current.closePort();
        }
    }

    @Override
    public String name() {
        return path;
    }

    private SerialPort openPort() throws IOException {
        SerialPort current = port;
        if (current == null) {
            throw new IOException(path + " is not open");
        }
        return current;
    }

    private IOException gone(SerialPort current) {
        return new IOException(path + " has gone away (error " + current.getLastErrorCode() + ")");
    }
}
