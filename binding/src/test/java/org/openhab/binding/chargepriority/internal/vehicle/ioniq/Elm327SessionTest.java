package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.SimulatedElm327.Reaction;

/**
 * The ELM327 protocol against the in-memory simulated adapter (the pseudo-terminal tests run the same over a real
 * port).
 */
@NonNullByDefault
class Elm327SessionTest {

    static final List<String> INIT = List.of("ATZ", "ATE0", "ATL0", "ATS0", "ATH1", "ATSP6", "ATST96", "ATSH7E4",
            "ATCRA7EC");

    private final SimulatedElm327 elm = new SimulatedElm327();
    private final InMemoryElmTransport transport = new InMemoryElmTransport(elm);
    private final List<Duration> sleeps = new ArrayList<>();
    private final Elm327Session session = new Elm327Session(transport, sleeps::add, Duration.ofMillis(200),
            Duration.ofMillis(600), Duration.ofSeconds(1));

    @BeforeEach
    void open() {
        transport.open();
    }

    @Test
    void initialisationSendsTheReferenceSequenceAndReturnsTheBanner() throws Exception {
        String banner = session.initialise(deadline());

        assertEquals("ELM327 v1.5", banner);
        assertEquals(INIT, elm.commands());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "pause after ATZ");
    }

    @Test
    void canTimeoutIsSentInFourMillisecondUnits() throws Exception {
        new Elm327Session(transport, d -> {
        }, Duration.ofMillis(200), Duration.ofMillis(1000), Duration.ZERO).initialise(deadline());

        assertTrue(elm.commands().contains("ATSTFA"), elm.commands().toString());
    }

    @Test
    void adapterWithoutCraGetsFilterAndMask() throws Exception {
        elm.supportsCra = false;

        session.initialise(deadline());

        assertEquals(List.of("ATSH7E4", "ATCRA7EC", "ATCF7EC", "ATCM7FF"), elm.commandsSince(7));
    }

    @Test
    void stalePromptAndNoiseBeforeTheBannerAreSkipped() throws Exception {
        elm.noiseBeforeBanner = "7EC2100591BD0070505\r\r>\u0000\u00ff#";

        assertEquals("ELM327 v1.5", session.initialise(deadline()));
        assertEquals(INIT, elm.commands());
    }

    @Test
    void deviceThatNeverShowsAnElm327BannerIsNotUsed() {
        elm.banner = "HELLO";

        ElmException e = assertThrows(ElmException.class, () -> session.initialise(deadline()));
        assertEquals(ElmError.TIMEOUT, e.error());
        assertEquals(List.of("ATZ"), elm.commands());
    }

    @Test
    void voltageIsReadFromAtrv() throws Exception {
        session.initialise(deadline());
        elm.voltage = 12.4;

        assertEquals(12.4, session.readVoltage(deadline()));
    }

    @Test
    void adapterErrorBecomesAnException() throws Exception {
        session.initialise(deadline());
        elm.bmsAnswers = false;

        ElmException e = assertThrows(ElmException.class, () -> session.request("220101", deadline()));
        assertEquals(ElmError.NO_DATA, e.error());
    }

    @Test
    void searchingWithNothingAfterItMeansTheBusIsSilent() throws Exception {
        session.initialise(deadline());
        elm.script("220101", Reaction.reply("SEARCHING..."));

        ElmException e = assertThrows(ElmException.class, () -> session.request("220101", deadline()));
        assertEquals(ElmError.SEARCHING, e.error());
    }

    @Test
    void echoLeftOnIsStripped() throws Exception {
        session.initialise(deadline());
        elm.script("220101", Reaction.reply("220101\r" + String.join("\r", ElmFixtures.lines("220101-idle.txt"))));

        assertEquals(ElmFixtures.lines("220101-idle.txt"), session.request("220101", deadline()));
    }

    @Test
    void commandsThatCouldChangeTheCarAreRefusedBeforeReachingThePort() {
        for (String command : List.of("2FBC1103", "3E00", "1003", "ATMA", "ATSH770", "ATPP0ESV00", "")) {
            assertThrows(IllegalArgumentException.class, () -> session.request(command, deadline()), command);
        }
        assertEquals(0, transport.written().length, "bytes written");
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5));
    }
}
