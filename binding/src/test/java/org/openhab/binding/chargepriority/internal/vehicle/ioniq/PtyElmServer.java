package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.SimulatedElm327.Reaction;

/**
 * Serves a {@link SimulatedElm327} on the car side of a {@link PtyPair}, with plain file streams: reads commands up to
 * {@code \r}, answers them, sleeps for delayed reactions and tears the pair down for a vanishing adapter.
 */
@NonNullByDefault
final class PtyElmServer implements AutoCloseable {

    private final Path device;
    private final SimulatedElm327 elm;
    private final Runnable vanish;
    private final Thread thread;
    private volatile @Nullable FileInputStream in;
    /** Counted down each time a delayed reply has been written out in full. */
    private volatile CountDownLatch lateReplyWritten = new CountDownLatch(1);

    private PtyElmServer(Path device, SimulatedElm327 elm, Runnable vanish) {
        this.device = device;
        this.elm = elm;
        this.vanish = vanish;
        this.thread = new Thread(this::serve, "simulated-elm327");
        this.thread.setDaemon(true);
    }

    static PtyElmServer start(PtyPair pty, SimulatedElm327 elm) {
        PtyElmServer server = new PtyElmServer(pty.carSide(), elm, pty::stop);
        server.thread.start();
        return server;
    }

    /** Waits (bounded) until a delayed reply has been written out; true if it was. */
    boolean awaitLateReply() throws InterruptedException {
        return lateReplyWritten.await(10, TimeUnit.SECONDS);
    }

    private void serve() {
        try (FileInputStream input = new FileInputStream(device.toFile());
                FileOutputStream output = new FileOutputStream(device.toFile())) {
            in = input;
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = input.read()) >= 0) {
                elm.recordByte(b);
                if (b == '\r') {
                    String command = line.toString().trim().toUpperCase(Locale.ROOT);
                    line.setLength(0);
                    elm.recordCommand(command);
                    if (!answer(command, input, output)) {
                        return;
                    }
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException e) {
            // the pseudo-terminal went away: the adapter is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answer(String command, FileInputStream input, FileOutputStream output)
            throws IOException, InterruptedException {
        Reaction reaction = elm.takeReaction(command);
        if (reaction != null && reaction.vanish) {
            vanish.run();
            return false;
        }
        boolean late = reaction != null && !reaction.delay.isZero();
        if (late) {
            Thread.sleep(reaction.delay.toMillis());
        }
        byte[] reply = elm.respond(command, reaction);
        output.write(reply, 0, reply.length - 1);
        output.flush();
        if (!late && input.available() > 0) {
            elm.recordPromptViolation(command);
        }
        output.write(reply, reply.length - 1, 1);
        output.flush();
        if (late) {
            lateReplyWritten.countDown();
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        FileInputStream input = in;
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
