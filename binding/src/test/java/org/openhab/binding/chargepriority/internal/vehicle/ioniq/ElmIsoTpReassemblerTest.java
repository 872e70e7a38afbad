package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Reassembly of multi-frame replies as an ELM327 prints them (ATH1, ATS0).
 */
@NonNullByDefault
class ElmIsoTpReassemblerTest {

    private static final List<String> BATTERY = ElmFixtures.lines("220101-idle.txt");

    @Test
    void multiFrameReplyBecomesOneMessageOfTheAnnouncedLength() throws ElmException {
        List<byte[]> messages = ElmIsoTpReassembler.reassemble(BATTERY, "7EC");

        assertEquals(1, messages.size());
        byte[] message = messages.get(0);
        assertEquals(0x3E, message.length);
        assertEquals("620101EFFBE7EF6E000000000000591BD007050505050505002BB952B991",
                HexFormat.of().withUpperCase().formatHex(message, 0, 30));
    }

    @Test
    void paddingAfterTheLastByteIsDropped() throws ElmException {
        byte[] message = ElmIsoTpReassembler.reassemble(ElmFixtures.lines("220105-idle.txt"), "7EC").get(0);

        assertEquals(0x2E, message.length);
        assertEquals(0x05, message[message.length - 1]);
    }

    @Test
    void missingFrameIsAnIncompleteReply() {
        List<String> lines = new ArrayList<>(BATTERY);
        lines.remove(lines.size() - 1);

        ElmException e = assertThrows(ElmException.class, () -> ElmIsoTpReassembler.reassemble(lines, "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
        assertTrue(e.getMessage().contains("55 of 62"), e.getMessage());
    }

    @Test
    void framesOutOfOrderAreRejected() {
        List<String> lines = new ArrayList<>(BATTERY);
        String third = lines.get(3);
        lines.set(3, lines.get(4));
        lines.set(4, third);

        ElmException e = assertThrows(ElmException.class, () -> ElmIsoTpReassembler.reassemble(lines, "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
        assertTrue(e.getMessage().contains("frame 24 where 23 was due"), e.getMessage());
    }

    @Test
    void repeatedFrameIsRejected() {
        List<String> lines = new ArrayList<>(BATTERY);
        lines.add(2, lines.get(1));

        ElmException e = assertThrows(ElmException.class, () -> ElmIsoTpReassembler.reassemble(lines, "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void firstFrameAnnouncingMoreThanArrivesIsRejected() {
        List<String> lines = new ArrayList<>(BATTERY);
        lines.set(0, lines.get(0).replace("7EC103E", "7EC1040"));

        ElmException e = assertThrows(ElmException.class, () -> ElmIsoTpReassembler.reassemble(lines, "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void consecutiveFrameWithoutFirstFrameIsRejected() {
        ElmException e = assertThrows(ElmException.class,
                () -> ElmIsoTpReassembler.reassemble(BATTERY.subList(1, BATTERY.size()), "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void spacesFromAnAdapterThatIgnoredAts0AreTolerated() throws ElmException {
        List<String> spaced = BATTERY.stream().map(line -> line.substring(0, 3) + " "
                + String.join(" ", line.substring(3).split("(?<=\\G..)"))).toList();

        assertArrayEquals(ElmIsoTpReassembler.reassemble(BATTERY, "7EC").get(0),
                ElmIsoTpReassembler.reassemble(spaced, "7EC").get(0));
    }

    @Test
    void framesFromOtherEcusAreSkipped() throws ElmException {
        List<String> lines = new ArrayList<>(BATTERY);
        lines.add(2, "7E8037F2211AAAAAAAA");

        assertEquals(0x3E, ElmIsoTpReassembler.reassemble(lines, "7EC").get(0).length);
    }

    @Test
    void nonHexLineIsGarbage() {
        List<String> lines = new ArrayList<>(BATTERY);
        lines.set(2, "7EC22\u00FF\u0013Zx");

        ElmException e = assertThrows(ElmException.class, () -> ElmIsoTpReassembler.reassemble(lines, "7EC"));
        assertEquals(ElmError.GARBAGE, e.error());
    }

    @Test
    void lineWithoutCanHeaderIsRejected() {
        ElmException e = assertThrows(ElmException.class,
                () -> ElmIsoTpReassembler.reassemble(List.of("037F2231AAAAAAAA"), "7EC"));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void pendingResponseAndReplyAreTwoMessages() throws ElmException {
        List<String> lines = new ArrayList<>();
        lines.add("7EC037F2278AAAAAAAA");
        lines.addAll(BATTERY);

        List<byte[]> messages = ElmIsoTpReassembler.reassemble(lines, "7EC");

        assertEquals(2, messages.size());
        assertArrayEquals(new byte[] { 0x7F, 0x22, 0x78 }, messages.get(0));
        assertEquals(0x3E, messages.get(1).length);
    }

    @Test
    void sequenceNumberWrapsFrom2FTo20() throws ElmException {
        // 6 + 16 × 7 = 118 bytes need consecutive frames 21..2F, 20
        int total = 118;
        byte[] payload = new byte[total];
        for (int i = 0; i < total; i++) {
            payload[i] = (byte) i;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "7EC10%02X", total) + HexFormat.of().formatHex(payload, 0, 6));
        for (int frame = 1, from = 6; from < total; frame++, from += 7) {
            lines.add(String.format(Locale.ROOT, "7EC2%X", frame & 0x0F)
                    + HexFormat.of().formatHex(payload, from, from + 7));
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("7EC20"));

        assertArrayEquals(payload, ElmIsoTpReassembler.reassemble(lines, "7EC").get(0));
    }
}
