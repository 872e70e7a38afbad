package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Puts ISO 15765-2 (ISO-TP) messages back together from the CAN frames an ELM327 prints with headers on and spaces
 * off: one line per frame, the 11-bit CAN id (3 hex digits), then the protocol control byte and the data, e.g.
 * {@code 7EC103E620101EFFBE7}. A first frame ({@code 1L LL}) carries the total length, consecutive frames
 * ({@code 21}, {@code 22}, ... {@code 2F}, {@code 20}, ...) follow in order; bytes past the total length are padding.
 */
@NonNullByDefault
public final class ElmIsoTpReassembler {

    private static final Pattern HEX = Pattern.compile("[0-9A-F]+");
    private static final int SINGLE = 0;
    private static final int FIRST = 1;
    private static final int CONSECUTIVE = 2;
    private static final int FLOW_CONTROL = 3;

    private ElmIsoTpReassembler() {
    }

    /**
     * @param lines the data lines of one reply
     * @param canId the id to keep (frames from other ids are skipped)
     * @return the complete messages, in the order they arrived
     * @throws ElmException {@link ElmError#GARBAGE} for a line that is not hex, {@link ElmError#MALFORMED} for frames
     *             that do not add up to whole messages
     */
    public static List<byte[]> reassemble(List<String> lines, String canId) throws ElmException {
        List<byte[]> messages = new ArrayList<>();
        Message current = null;
        for (String line : lines) {
            String frame = line.replace(" ", "").toUpperCase(Locale.ROOT);
            if (!HEX.matcher(frame).matches()) {
                throw new ElmException(ElmError.GARBAGE, "not a CAN frame: " + printable(line));
            }
            if (frame.length() % 2 == 0 || frame.length() < 5) {
                throw new ElmException(ElmError.MALFORMED, "no 11-bit CAN header: " + frame);
            }
            if (!frame.startsWith(canId)) {
                continue;
            }
            byte[] bytes = HexFormat.of().parseHex(frame.substring(3));
            int pci = bytes[0] & 0xFF;
            switch (pci >> 4) {
                case SINGLE -> {
                    requireIdle(current, frame);
                    int length = pci & 0x0F;
                    if (length == 0 || length > bytes.length - 1) {
                        throw new ElmException(ElmError.MALFORMED, "bad single frame length: " + frame);
                    }
                    messages.add(copy(bytes, 1, length));
                }
                case FIRST -> {
                    requireIdle(current, frame);
                    if (bytes.length < 3) {
                        throw new ElmException(ElmError.MALFORMED, "short first frame: " + frame);
                    }
                    int total = ((pci & 0x0F) << 8) | (bytes[1] & 0xFF);
                    if (total < 8) {
                        throw new ElmException(ElmError.MALFORMED, "first frame of " + total + " bytes: " + frame);
                    }
                    current = new Message(total);
                    current.append(bytes, 2);
                }
                case CONSECUTIVE -> {
                    if (current == null) {
                        throw new ElmException(ElmError.MALFORMED, "consecutive frame without a first frame: " + frame);
                    }
                    int sequence = pci & 0x0F;
                    if (sequence != current.nextSequence) {
                        throw new ElmException(ElmError.MALFORMED, String.format(Locale.ROOT,
                                "frame 2%X where 2%X was due: %s", sequence, current.nextSequence, frame));
                    }
                    current.append(bytes, 1);
                    current.nextSequence = (current.nextSequence + 1) & 0x0F;
                    if (current.complete()) {
                        messages.add(current.bytes());
                        current = null;
                    }
                }
                case FLOW_CONTROL -> {
                    // the adapter's own flow control, echoed by some clones: not part of the reply
                }
                default -> throw new ElmException(ElmError.MALFORMED, "unknown frame type: " + frame);
            }
        }
        if (current != null) {
            throw new ElmException(ElmError.MALFORMED,
                    "incomplete reply: " + current.data.size() + " of " + current.total + " bytes");
        }
        return messages;
    }

    private static void requireIdle(@Nullable Message current, String frame) throws ElmException {
        if (current != null) {
            throw new ElmException(ElmError.MALFORMED, "new message before the last one was complete: " + frame);
        }
    }

    private static byte[] copy(byte[] bytes, int from, int length) {
        byte[] result = new byte[length];
        System.arraycopy(bytes, from, result, 0, length);
        return result;
    }

    private static String printable(String line) {
        StringBuilder result = new StringBuilder();
        for (char c : line.toCharArray()) {
            result.append(c >= 0x20 && c < 0x7F ? c : '.');
            if (result.length() >= 40) {
                break;
            }
        }
        return result.toString();
    }

    private static final class Message {
        private final int total;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private int nextSequence = 1;

        Message(int total) {
            this.total = total;
        }

        void append(byte[] bytes, int from) {
            int length = Math.min(bytes.length - from, total - data.size());
            data.write(bytes, from, length);
        }

        boolean complete() {
            return data.size() >= total;
        }

        byte[] bytes() {
            return data.toByteArray();
        }
    }
}
