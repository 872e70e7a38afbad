package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ELM327 command protocol on top of a {@link SerialTransport}: initialises the adapter for the Ioniq 5's battery
 * system, sends one command at a time only after the {@code >} prompt, bounds every wait, and turns the adapter's
 * replies into data lines or an {@link ElmException}.
 * <p>
 * Only read requests ever leave this class: AT commands that configure the adapter itself, {@code ATRV} and the two
 * UDS "read data by identifier" requests of the battery system. Anything else is refused before it reaches the port.
 */
@NonNullByDefault
public class Elm327Session {

    /** Request CAN id of the battery management system (BMS). */
    static final String BMS_REQUEST_ID = "7E4";
    /** CAN id the BMS answers from. */
    static final String BMS_REPLY_ID = "7EC";

    private static final Set<String> FIXED_COMMANDS = Set.of("ATZ", "ATE0", "ATL0", "ATS0", "ATH1", "ATSP6",
            "ATSH" + BMS_REQUEST_ID, "ATCRA" + BMS_REPLY_ID, "ATCF" + BMS_REPLY_ID, "ATCM7FF", "ATRV", "220101",
            "220105");
    private static final Pattern TIMEOUT_COMMAND = Pattern.compile("ATST[0-9A-F]{2}");
    private static final Pattern VOLTAGE = Pattern.compile("(\\d{1,2}(?:\\.\\d{1,2})?)\\s*V");
    private static final Pattern BANNER = Pattern.compile("(?i)\\b(ELM327|STN\\d+|OBDLINK)\\b.*");
    private static final char PROMPT = '>';
    private static final int MAX_REPLY_CHARS = 4096;
    /** Prompts to skip after ATZ while looking for the banner (late replies, noise from the link). */
    private static final int MAX_PROMPTS_BEFORE_BANNER = 4;
    private static final int ELM_TIMEOUT_UNIT_MS = 4;

    private final Logger logger = LoggerFactory.getLogger(Elm327Session.class);
    private final SerialTransport transport;
    private final Sleeper sleeper;
    private final Duration commandTimeout;
    private final Duration resetSettle;
    private final String canTimeoutCommand;
    private final byte[] buffer = new byte[512];
    /** Bytes that arrived after a prompt, kept for the next read. */
    private final StringBuilder unread = new StringBuilder();

    /**
     * @param commandTimeout longest wait for the prompt after one command
     * @param canTimeout the adapter's own wait for each CAN frame ({@code ATST}); long enough for multi-frame replies
     * @param resetSettle pause after {@code ATZ} before the next command (slow clones)
     */
    public Elm327Session(SerialTransport transport, Sleeper sleeper, Duration commandTimeout, Duration canTimeout,
            Duration resetSettle) {
        this.transport = transport;
        this.sleeper = sleeper;
        this.commandTimeout = commandTimeout;
        this.resetSettle = resetSettle;
        long units = Math.max(1, Math.min(0xFF, canTimeout.toMillis() / ELM_TIMEOUT_UNIT_MS));
        this.canTimeoutCommand = String.format(Locale.ROOT, "ATST%02X", units);
    }

    /**
     * Resets the adapter and configures it for the BMS: echo, line feeds and spaces off, CAN headers on, ISO 15765-4
     * CAN 11 bit 500 kbit/s, a CAN time-out long enough for multi-frame replies, requests to 7E4, replies only from
     * 7EC.
     *
     * @return the adapter's version banner, e.g. "ELM327 v1.5"
     */
    public String initialise(Deadline deadline) throws IOException, ElmException, InterruptedException {
        String banner = reset(deadline);
        if (!resetSettle.isZero()) {
            sleeper.sleep(resetSettle);
        }
        for (String command : List.of("ATE0", "ATL0", "ATS0", "ATH1", "ATSP6", canTimeoutCommand,
                "ATSH" + BMS_REQUEST_ID)) {
            expectOk(command, deadline);
        }
        try {
            expectOk("ATCRA" + BMS_REPLY_ID, deadline);
        } catch (ElmException e) {
            if (e.error() != ElmError.UNKNOWN_COMMAND) {
                throw e;
            }
            // some clones lack ATCRA; a filter and mask do the same
            logger.debug("Adapter on {} does not know ATCRA, using ATCF/ATCM", transport.name());
            expectOk("ATCF" + BMS_REPLY_ID, deadline);
            expectOk("ATCM7FF", deadline);
        }
        logger.debug("Adapter on {} initialised: {}", transport.name(), banner);
        return banner;
    }

    private String reset(Deadline deadline) throws IOException, ElmException {
        discardInput();
        send("ATZ");
        // The banner identifies the answer to ATZ; a late reply to an abandoned request may come first.
        for (int prompt = 0; prompt < MAX_PROMPTS_BEFORE_BANNER; prompt++) {
            for (String line : lines(readUntilPrompt("ATZ", deadline), "ATZ")) {
                Matcher banner = BANNER.matcher(line);
                if (banner.find()) {
                    return banner.group();
                }
            }
        }
        throw new ElmException(ElmError.GARBAGE, "no ELM327 banner after ATZ");
    }

    /** The 12 V battery's voltage measured by the adapter at the OBD socket; does not address the car's bus. */
    public double readVoltage(Deadline deadline) throws IOException, ElmException {
        for (String line : request("ATRV", deadline)) {
            Matcher matcher = VOLTAGE.matcher(line);
            if (matcher.matches()) {
                return Double.parseDouble(matcher.group(1));
            }
        }
        throw new ElmException(ElmError.GARBAGE, "ATRV: no voltage in the reply");
    }

    /**
     * Sends one command and returns the reply's data lines (no echo, no empty lines, no "SEARCHING...").
     *
     * @throws ElmException when the adapter reports an error, or nothing usable arrives in time
     * @throws IOException when the port goes away
     */
    public List<String> request(String command, Deadline deadline) throws IOException, ElmException {
        discardInput();
        send(command);
        List<String> lines = lines(readUntilPrompt(command, deadline), command);
        boolean searched = lines.removeIf(line -> line.toUpperCase(Locale.ROOT).startsWith("SEARCHING"));
        lines.removeIf(line -> line.replace(" ", "").toUpperCase(Locale.ROOT).matches("BUSINIT:?\\.*OK"));
        for (String line : lines) {
            Optional<ElmError> error = ElmError.of(line);
            if (error.isPresent()) {
                throw new ElmException(error.get(), command + ": " + error.get().text());
            }
        }
        if (lines.isEmpty() && searched) {
            throw new ElmException(ElmError.SEARCHING, command + ": " + ElmError.SEARCHING.text());
        }
        return lines;
    }

    private void expectOk(String command, Deadline deadline) throws IOException, ElmException {
        List<String> lines = request(command, deadline);
        if (!lines.contains("OK")) {
            throw new ElmException(ElmError.GARBAGE, command + ": expected OK");
        }
    }

    private void send(String command) throws IOException {
        if (!FIXED_COMMANDS.contains(command) && !TIMEOUT_COMMAND.matcher(command).matches()) {
            // a programming error, never a runtime condition: this binding only reads
            throw new IllegalArgumentException("not a read-only command: " + command);
        }
        transport.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
    }

    private String readUntilPrompt(String command, Deadline deadline) throws IOException, ElmException {
        StringBuilder reply = new StringBuilder();
        if (takeUntilPrompt(unread, reply)) {
            return reply.toString();
        }
        Duration wait = deadline.cap(commandTimeout);
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new ElmException(ElmError.TIMEOUT, command + ": no prompt within " + wait.toMillis() + " ms");
            }
            int count = transport.read(buffer, Duration.ofNanos(left));
            StringBuilder arrived = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                arrived.append((char) (buffer[i] & 0xFF));
            }
            if (takeUntilPrompt(arrived, reply)) {
                // whatever followed the prompt belongs to the next reply
                unread.append(arrived);
                return reply.toString();
            }
            if (reply.length() > MAX_REPLY_CHARS) {
                throw new ElmException(ElmError.GARBAGE, command + ": reply too long");
            }
        }
    }

    /** Moves characters up to the first prompt from {@code source} to {@code reply}; true when a prompt was found. */
    private static boolean takeUntilPrompt(StringBuilder source, StringBuilder reply) {
        int prompt = source.indexOf(String.valueOf(PROMPT));
        int end = prompt >= 0 ? prompt : source.length();
        for (int i = 0; i < end; i++) {
            char c = source.charAt(i);
            if (c != 0) {
                reply.append(c);
            }
        }
        source.delete(0, prompt >= 0 ? prompt + 1 : end);
        return prompt >= 0;
    }

    /** Forgets everything received and not yet read: before a command, anything waiting is stale. */
    private void discardInput() throws IOException {
        unread.setLength(0);
        transport.discardInput();
    }

    private static List<String> lines(String reply, String command) {
        List<String> lines = new ArrayList<>();
        for (String line : reply.split("[\r\n]+")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.replace(" ", "").equalsIgnoreCase(command)) {
                lines.add(trimmed);
            }
        }
        return lines;
    }
}
