package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An ELM327 in an Ioniq 5's OBD socket, as far as this binding sees it: AT commands change the adapter's settings,
 * {@code ATRV} reports the 12 V voltage, {@code 220101}/{@code 220105} to 7E4 are answered by the BMS with multi-frame
 * replies while the car is awake and with {@code NO DATA} while it is off. Replies end with {@code \r\r>}; with echo
 * on (after a reset) the command comes back first.
 * <p>
 * Tests change the car ({@link #bmsAnswers}, {@link #voltage}, the reply fixtures) and script one-shot reactions to a
 * command ({@link #script}). Everything the binding sent is recorded.
 */
@NonNullByDefault
final class SimulatedElm327 {

    /** A one-shot reaction to the next occurrence of a command. */
    static final class Reaction {
        final @Nullable String text;
        final byte @Nullable [] bytes;
        final Duration delay;
        final boolean vanish;

        private Reaction(@Nullable String text, byte @Nullable [] bytes, Duration delay, boolean vanish) {
            this.text = text;
            this.bytes = bytes;
            this.delay = delay;
            this.vanish = vanish;
        }

        /** Answer with this text (lines separated by {@code \r}) instead of the normal reply. */
        static Reaction reply(String text) {
            return new Reaction(text, null, Duration.ZERO, false);
        }

        /** Answer with these raw bytes followed by the prompt. */
        static Reaction bytes(byte[] bytes) {
            return new Reaction(null, bytes, Duration.ZERO, false);
        }

        /** Give the normal reply, late. */
        static Reaction delayed(Duration delay) {
            return new Reaction(null, null, delay, false);
        }

        /** Do not answer: the adapter disappears (the pseudo-terminal is torn down). */
        static Reaction vanish() {
            return new Reaction(null, null, Duration.ZERO, true);
        }
    }

    // the car
    volatile boolean bmsAnswers = true;
    volatile double voltage = 14.1;
    volatile List<String> batteryReply = ElmFixtures.lines("220101-idle.txt");
    volatile List<String> healthReply = ElmFixtures.lines("220105-idle.txt");
    // the adapter
    volatile String banner = "ELM327 v1.5";
    volatile boolean supportsCra = true;
    volatile boolean supportsRv = true;
    /** Junk the adapter prints before the banner after a reset (noise on a fresh Bluetooth link). */
    volatile String noiseBeforeBanner = "";

    private final Map<String, Deque<Reaction>> scripts = new HashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<String> promptViolations = new ArrayList<>();
    private boolean echo;
    private boolean headers;
    private boolean spaces;
    private String requestHeader = "";
    private String protocol = "";

    SimulatedElm327() {
        powerOn();
    }

    /** Settings as after power-on or ATZ. */
    synchronized void powerOn() {
        echo = true;
        headers = false;
        spaces = true;
        requestHeader = "7DF";
        protocol = "0";
    }

    synchronized void script(String command, Reaction reaction) {
        scripts.computeIfAbsent(command, c -> new ArrayDeque<>()).add(reaction);
    }

    synchronized @Nullable Reaction takeReaction(String command) {
        Deque<Reaction> queue = scripts.get(command);
        return queue == null ? null : queue.poll();
    }

    synchronized void recordByte(int b) {
        received.write(b);
    }

    synchronized void recordCommand(String command) {
        commands.add(command);
    }

    synchronized void recordPromptViolation(String command) {
        promptViolations.add(command);
    }

    /** Every command received so far, in order. */
    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** Commands received after the first {@code from}. */
    synchronized List<String> commandsSince(int from) {
        return List.copyOf(commands.subList(from, commands.size()));
    }

    synchronized int commandCount() {
        return commands.size();
    }

    synchronized byte[] receivedBytes() {
        return received.toByteArray();
    }

    /** Commands that arrived while a reply was still being written (a real ELM327 would say STOPPED). */
    synchronized List<String> promptViolations() {
        return List.copyOf(promptViolations);
    }

    /** The complete reply to {@code command}: echo, the reply's lines, the prompt. */
    synchronized byte[] respond(String command, @Nullable Reaction reaction) {
        boolean echoed = echo;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (echoed) {
            write(out, command + "\r");
        }
        byte[] raw = reaction != null ? reaction.bytes : null;
        String text = reaction != null ? reaction.text : null;
        if (raw != null) {
            out.writeBytes(raw);
        } else if (text != null) {
            write(out, text + "\r");
        } else {
            write(out, body(command));
        }
        write(out, "\r>");
        return out.toByteArray();
    }

    private String body(String command) {
        String c = command.replace(" ", "").toUpperCase(Locale.ROOT);
        if (c.equals("ATZ")) {
            powerOn();
            return noiseBeforeBanner + "\r\r" + banner + "\r";
        }
        if (c.equals("ATRV")) {
            return supportsRv ? String.format(Locale.ROOT, "%.1fV\r", voltage) : "?\r";
        }
        if (c.matches("ATE[01]")) {
            echo = c.endsWith("1");
        } else if (c.matches("ATH[01]")) {
            headers = c.endsWith("1");
        } else if (c.matches("ATS[01]")) {
            spaces = c.endsWith("1");
        } else if (c.matches("ATSP[0-9A-C]")) {
            protocol = c.substring(4);
        } else if (c.matches("ATSH[0-9A-F]{3}")) {
            requestHeader = c.substring(4);
        } else if (c.matches("ATCRA[0-9A-F]{3}")) {
            if (!supportsCra) {
                return "?\r";
            }
        } else if (c.matches("220101|220105")) {
            return bms(c.equals("220101") ? batteryReply : healthReply);
        } else if (!c.matches("ATL[01]|ATST[0-9A-F]{2}|ATCF[0-9A-F]{3}|ATCM[0-9A-F]{3}")) {
            return "?\r";
        }
        return "OK\r";
    }

    private String bms(List<String> frames) {
        if (!bmsAnswers || !requestHeader.equals("7E4") || !protocol.equals("6")) {
            return "NO DATA\r";
        }
        StringBuilder reply = new StringBuilder();
        for (String frame : frames) {
            String line = headers ? frame : frame.substring(3);
            reply.append(spaces ? spaced(line) : line).append('\r');
        }
        return reply.toString();
    }

    private static String spaced(String frame) {
        StringBuilder result = new StringBuilder(frame.substring(0, 3));
        for (int i = 3; i < frame.length(); i += 2) {
            result.append(' ').append(frame, i, i + 2);
        }
        return result.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
