package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.ioniq.Elm327SessionTest.INIT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.SimulatedElm327.Reaction;

/**
 * The whole Ioniq source over a real serial line: the binding's jSerialComm transport opens one end of a socat
 * pseudo-terminal pair, a simulated ELM327 + Ioniq 5 answers on the other. Time moves by a test clock, so back-off
 * windows of minutes take no time.
 */
@NonNullByDefault
class IoniqObdServicePtyTest {

    /** Every command this binding may ever send: adapter settings, the 12 V probe, the two BMS reads. */
    private static final Pattern READ_ONLY = Pattern
            .compile("ATZ|ATE0|ATL0|ATS0|ATH1|ATSP6|ATST[0-9A-F]{2}|ATSH7E4|ATCRA7EC|ATCF7EC|ATCM7FF|ATRV|220101|220105");
    private static final List<String> POLL = List.of("220101", "220105");
    private static final Duration PROBE_INTERVAL = Duration.ofMinutes(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0, java.time.ZoneOffset.UTC);
    private final SimulatedElm327 elm = new SimulatedElm327();
    private final List<Duration> sleeps = new ArrayList<>();
    private @Nullable PtyPair pty;
    private @Nullable PtyElmServer server;
    private @Nullable IoniqObdService service;

    @BeforeAll
    static void requireSocat() {
        PtyPair.assumeSocat();
        JSerialCommNativeLibrary.keepUnderTarget();
    }

    @BeforeEach
    void start(TestInfo test) {
        String name = test.getTestMethod().map(m -> m.getName()).orElse("test") + "-" + System.nanoTime();
        PtyPair pair = new PtyPair(Path.of("target", "pty", name).toAbsolutePath());
        pair.start();
        pty = pair;
        server = PtyElmServer.start(pair, elm);
        IoniqObdConfig config = IoniqObdConfig.builder(pair.adapterSide().toString()).probeInterval(PROBE_INTERVAL)
                .commandTimeout(COMMAND_TIMEOUT).fetchBudget(Duration.ofSeconds(5)).resetSettle(Duration.ofSeconds(1))
                .reconnectDelay(Duration.ofSeconds(30)).reconnectMaxDelay(Duration.ofMinutes(5)).build();
        service = new IoniqObdService(config,
                new JSerialCommTransport(config.serialPort(), config.baudRate()), clock, sleeps::add);
    }

    @AfterEach
    void stop() throws InterruptedException {
        service().close();
        // ending socat ends the simulator's blocked read
        PtyPair p = pty;
        if (p != null) {
            p.close();
        }
        PtyElmServer s = server;
        if (s != null) {
            s.close();
        }
        assertOnlyReadOnlyCommandsWereSent();
        assertEquals(List.of(), elm.promptViolations(), "commands sent before the prompt");
    }

    /** The car is never sent anything that could change it: every byte on the line belongs to an allowed command. */
    private void assertOnlyReadOnlyCommandsWereSent() {
        String sent = new String(elm.receivedBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(sent.isEmpty() || sent.endsWith("\r"), "unterminated command: " + sent);
        for (String command : sent.split("\r", -1)) {
            if (command.isEmpty()) {
                continue;
            }
            assertTrue(READ_ONLY.matcher(command).matches(), "not an allowed command: '" + command + "'");
        }
        assertFalse(sent.contains("\r\r") || sent.startsWith("\r"), "a bare CR repeats the last command");
    }

    @Test
    void firstFetchInitialisesTheAdapterAndReadsTheWorkedExample() throws VehicleException {
        VehicleStatus status = service().fetch();

        assertEquals(54.5, status.batteryPercent());
        assertEquals(224.1, status.rangeKm());
        assertTrue(status.rangeEstimated());
        assertFalse(status.charging());
        assertEquals(Location.HOME, status.location());
        assertEquals(DataSource.OBD, status.source());
        assertFalse(status.stale());
        assertFalse(status.mock());
        assertEquals(T0, status.lastUpdated());
        assertEquals(concat(INIT, List.of("ATRV"), POLL), elm.commands());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "settle after ATZ goes through the sleeper");
    }

    @Test
    void diagnosticsShowTheBatteryDetails() throws VehicleException {
        service().fetch();

        Map<String, Object> diagnostics = service().diagnostics();
        assertEquals(14.1, diagnostics.get("aux_voltage_v"));
        assertEquals("bms", diagnostics.get("aux_voltage_source"));
        assertEquals(95.0, diagnostics.get("state_of_health_percent"));
        assertEquals(712.0, diagnostics.get("pack_voltage_v"));
        assertEquals(8.9, diagnostics.get("pack_current_a"));
        assertEquals(6.34, diagnostics.get("power_kw"));
        assertEquals(12345.6, diagnostics.get("cumulative_charged_kwh"));
        assertEquals(11876.5, diagnostics.get("cumulative_discharged_kwh"));
        assertEquals(true, diagnostics.get("bms_ignition_on"));
        assertEquals(true, diagnostics.get("adapter_connected"));
        assertEquals("ELM327 v1.5", diagnostics.get("adapter_version"));
        assertEquals("awake", diagnostics.get("poll_mode"));
        assertFalse(diagnostics.containsKey("next_probe"));
    }

    @Test
    void awakeCarIsReadAgainWithoutReinitialisingTheAdapter() throws VehicleException {
        service().fetch();
        int mark = elm.commandCount();
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus status = service().fetch();

        assertEquals(POLL, elm.commandsSince(mark));
        assertEquals(T0.plus(Duration.ofMinutes(1)), status.lastUpdated());
        assertFalse(status.stale());
    }

    @Test
    void aFailedDisplayReadDoesNotMakeTheStateOfChargeJump() throws VehicleException {
        VehicleStatus first = service().fetch();
        assertEquals(54.5, first.batteryPercent(), "displayed; the BMS says 55.0");
        Object firstSource = service().diagnostics().get("soc_source");

        elm.script("220105", Reaction.reply("NO DATA"));
        clock.advance(Duration.ofMinutes(1));
        VehicleStatus sameBms = service().fetch();

        assertFalse(sameBms.stale());
        assertEquals(54.5, sameBms.batteryPercent(), "no jump to the BMS's 55.0");
        assertEquals("display", firstSource);
        assertEquals("estimated", service().diagnostics().get("soc_source"));

        elm.batteryReply = ElmFixtures.lines("220101-ac-charging.txt");
        elm.script("220105", Reaction.reply("NO DATA"));
        clock.advance(Duration.ofMinutes(1));
        VehicleStatus movedBms = service().fetch();

        assertEquals(44.5, movedBms.batteryPercent(), "54.5 moved by the BMS's change from 55.0 to 45.0");
        assertEquals(44.5 / 100 * 74 / 18 * 100, movedBms.rangeKm(), 0.05);
        assertEquals(45.0, service().diagnostics().get("soc_bms_percent"));
        assertEquals("estimated", service().diagnostics().get("soc_source"));
    }

    @Test
    void withoutAnyDisplayReadTheBmsValueIsShownAndSaidSo() throws VehicleException {
        elm.script("220105", Reaction.reply("NO DATA"));

        VehicleStatus status = service().fetch();

        assertEquals(55.0, status.batteryPercent());
        assertEquals("bms", service().diagnostics().get("soc_source"));
    }

    @Test
    void chargingCarIsReportedAsCharging() throws VehicleException {
        elm.batteryReply = ElmFixtures.lines("220101-ac-charging.txt");
        elm.healthReply = ElmFixtures.lines("220105-ac-charging.txt");

        VehicleStatus status = service().fetch();

        assertTrue(status.charging());
        assertEquals(10.98, status.chargingPowerKw());
        assertEquals(45.5, status.batteryPercent());
        assertEquals(Boolean.TRUE, status.pluggedIn());
    }

    @Test
    void carThatIsOffFromTheStartIsAskedOnceThenLeftAloneForTheInterval() {
        elm.bmsAnswers = false;
        elm.voltage = 12.3;

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(PROBE_INTERVAL.minusSeconds(1));
        assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(Duration.ofSeconds(1));
        assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(VehicleException.Kind.ASLEEP, e.kind());
        // first contact: one read; then, at a clearly parked voltage, only the probe
        assertEquals(concat(INIT, List.of("ATRV", "220101", "ATRV")), elm.commands());
        assertEquals("parked", service().diagnostics().get("poll_mode"));
        assertEquals(clock.instant().plus(PROBE_INTERVAL).toString(), service().diagnostics().get("next_probe"));
        assertEquals(12.3, service().diagnostics().get("aux_voltage_v"));
        assertEquals("adapter", service().diagnostics().get("aux_voltage_source"));
    }

    @Test
    void carThatChargesWhileTheAdapterReadsLowIsReadOnFirstContact() throws VehicleException {
        elm.voltage = 12.6;
        elm.batteryReply = ElmFixtures.lines("220101-ac-charging.txt");
        elm.healthReply = ElmFixtures.lines("220105-ac-charging.txt");

        VehicleStatus status = service().fetch();

        assertFalse(status.stale());
        assertTrue(status.charging());
        assertEquals(10.98, status.chargingPowerKw());
        assertEquals("awake", service().diagnostics().get("poll_mode"), "it answered: awake, whatever ATRV said");
        assertEquals(concat(INIT, List.of("ATRV"), POLL), elm.commands());
    }

    @Test
    void inconclusiveVoltageLetsOneReadThroughPerIntervalUntilTheCarAnswers() throws VehicleException {
        service().fetch();
        elm.bmsAnswers = false;
        elm.voltage = 12.6;
        int mark = elm.commandCount();

        clock.advance(Duration.ofMinutes(1));
        service().fetch();
        clock.advance(Duration.ofMinutes(5));
        service().fetch();
        clock.advance(Duration.ofMinutes(5));
        VehicleStatus stillOff = service().fetch();
        elm.bmsAnswers = true;
        elm.batteryReply = ElmFixtures.lines("220101-ac-charging.txt");
        elm.healthReply = ElmFixtures.lines("220105-ac-charging.txt");
        clock.advance(Duration.ofMinutes(5));
        VehicleStatus waiting = service().fetch();
        clock.advance(Duration.ofMinutes(5));
        VehicleStatus charging = service().fetch();

        assertTrue(stillOff.stale());
        assertTrue(waiting.stale(), "nothing but the probe within the interval");
        assertFalse(charging.stale());
        assertTrue(charging.charging());
        // at most one unanswered read per interval: 220101 at +1 min, then one per probe at 12.6 V
        assertEquals(List.of("220101", "ATRV", "220101", "ATRV", "220101", "220105"), elm.commandsSince(mark));
    }

    @Test
    void afterAReconnectTheCarIsTriedOnceWhateverTheVoltageSays() throws Exception {
        elm.bmsAnswers = false;
        elm.voltage = 12.3;
        assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(PROBE_INTERVAL);
        elm.script("ATRV", Reaction.vanish());
        assertThrows(VehicleException.class, () -> service().fetch());

        PtyPair pair = pty();
        server().close();
        pair.start();
        elm.powerOn();
        elm.bmsAnswers = true;
        server = PtyElmServer.start(pair, elm);
        int mark = elm.commandCount();
        clock.advance(Duration.ofSeconds(30));
        VehicleStatus status = service().fetch();

        assertFalse(status.stale());
        assertEquals(concat(INIT, List.of("ATRV"), POLL), elm.commandsSince(mark));
    }

    @Test
    void carThatFallsAsleepKeepsItsLastStateAndIsOnlyProbedOncePerInterval() throws VehicleException {
        service().fetch();
        elm.bmsAnswers = false;
        elm.voltage = 12.3;
        int mark = elm.commandCount();

        clock.advance(Duration.ofMinutes(1));
        VehicleStatus asleep = service().fetch();
        clock.advance(Duration.ofMinutes(5));
        VehicleStatus stillAsleep = service().fetch();
        clock.advance(Duration.ofMinutes(6));
        VehicleStatus probed = service().fetch();

        for (VehicleStatus status : List.of(asleep, stillAsleep, probed)) {
            assertTrue(status.stale());
            assertEquals(54.5, status.batteryPercent());
            assertEquals(T0, status.lastUpdated());
            assertEquals(Location.HOME, status.location(), "the adapter answers: the car is in Bluetooth range");
        }
        // one read that found the car off, then nothing for ten minutes, then only the voltage probe
        assertEquals(List.of("220101", "ATRV"), elm.commandsSince(mark));
    }

    @Test
    void parkedCarIsReadAgainOnceTheProbeSeesItRunning() throws VehicleException {
        service().fetch();
        elm.bmsAnswers = false;
        elm.voltage = 12.6;
        clock.advance(Duration.ofMinutes(1));
        service().fetch();

        elm.bmsAnswers = true;
        elm.voltage = 14.0;
        int mark = elm.commandCount();
        clock.advance(Duration.ofMinutes(9));
        VehicleStatus beforeProbe = service().fetch();
        clock.advance(Duration.ofMinutes(1));
        VehicleStatus afterProbe = service().fetch();

        assertTrue(beforeProbe.stale());
        assertFalse(afterProbe.stale());
        assertEquals(T0.plus(Duration.ofMinutes(11)), afterProbe.lastUpdated());
        assertEquals(concat(List.of("ATRV"), POLL), elm.commandsSince(mark));
    }

    @Test
    void lowTwelveVoltBatteryStopsReadsUntilTheCarRunsAgain() throws VehicleException {
        elm.bmsAnswers = false;
        elm.voltage = 11.9;
        assertThrows(VehicleException.class, () -> service().fetch());
        assertEquals("low_voltage", service().diagnostics().get("poll_mode"));

        elm.bmsAnswers = true;
        elm.voltage = 12.6;
        clock.advance(PROBE_INTERVAL);
        assertThrows(VehicleException.class, () -> service().fetch());
        assertEquals("low_voltage", service().diagnostics().get("poll_mode"));

        elm.voltage = 13.8;
        clock.advance(PROBE_INTERVAL);
        VehicleStatus status = service().fetch();

        assertFalse(status.stale());
        assertEquals(concat(INIT, List.of("ATRV", "ATRV", "ATRV"), POLL), elm.commands());
        assertEquals("awake", service().diagnostics().get("poll_mode"));
    }

    @Test
    void adapterWithoutVoltageProbeReadsTheBatterySystemAtMostOncePerInterval() {
        elm.supportsRv = false;
        elm.bmsAnswers = false;

        assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(PROBE_INTERVAL.minusSeconds(1));
        assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(Duration.ofSeconds(1));
        assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(concat(INIT, List.of("ATRV", "220101", "ATRV", "220101")), elm.commands());
    }

    @Test
    void adapterGlitchDuringTheProbeDoesNotLetTheBatterySystemBeAddressed() {
        elm.bmsAnswers = false;
        elm.voltage = 12.3;
        elm.script("ATRV", Reaction.reply("STOPPED"));

        assertThrows(VehicleException.class, () -> service().fetch());
        clock.advance(PROBE_INTERVAL);
        assertThrows(VehicleException.class, () -> service().fetch());

        // after the glitch: initialise again, probe again, still parked
        assertEquals(concat(INIT, List.of("ATRV"), INIT, List.of("ATRV")), elm.commands());
    }

    static Stream<Arguments> adapterErrors() {
        // error line, car silent (back off), adapter reset (initialise again)
        return Stream.of(Arguments.of("NO DATA", true, false), Arguments.of("CAN ERROR", true, false),
                Arguments.of("UNABLE TO CONNECT", true, false), Arguments.of("BUS INIT: ...ERROR", true, false),
                Arguments.of("SEARCHING...", true, false), Arguments.of("ERR94", true, true),
                Arguments.of("BUS BUSY", false, false), Arguments.of("FB ERROR", false, false),
                Arguments.of("DATA ERROR", false, false), Arguments.of("<RX ERROR", false, false),
                Arguments.of("BUFFER FULL", false, true), Arguments.of("STOPPED", false, true),
                Arguments.of("?", false, true), Arguments.of("LV RESET", false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapterErrors")
    void adapterErrorKeepsTheLastGoodStateAndIsHandledAsItMeans(String error, boolean carSilent,
            boolean resetsAdapter) throws VehicleException {
        service().fetch();
        elm.script("220101", Reaction.reply(error));
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus afterError = service().fetch();

        assertTrue(afterError.stale());
        assertEquals(54.5, afterError.batteryPercent());
        assertEquals(T0, afterError.lastUpdated());

        int mark = elm.commandCount();
        VehicleStatus next = service().fetch();
        if (carSilent) {
            // nothing until the probe is due, then the voltage shows the car on and it is read
            assertTrue(next.stale());
            clock.advance(PROBE_INTERVAL);
            next = service().fetch();
        }
        assertFalse(next.stale());
        List<String> expected = new ArrayList<>(resetsAdapter ? INIT : List.of());
        if (carSilent) {
            expected.add("ATRV");
        }
        expected.addAll(POLL);
        assertEquals(expected, elm.commandsSince(mark));
    }

    @Test
    void garbageOnTheLineIsDroppedAndTheAdapterInitialisedAgain() throws VehicleException {
        service().fetch();
        byte[] noise = new byte[120];
        new Random(42).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '>') {
                noise[i] = '#';
            }
        }
        elm.script("220101", Reaction.bytes(noise));
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus afterNoise = service().fetch();
        int mark = elm.commandCount();
        VehicleStatus next = service().fetch();

        assertTrue(afterNoise.stale());
        assertEquals(54.5, afterNoise.batteryPercent());
        assertFalse(next.stale());
        assertEquals(concat(INIT, POLL), elm.commandsSince(mark));
    }

    @Test
    void corruptedFrameIsDroppedAndTheNextFetchReadsAgain() throws VehicleException {
        service().fetch();
        List<String> frames = new ArrayList<>(ElmFixtures.lines("220101-idle.txt"));
        frames.remove(4);
        elm.script("220101", Reaction.reply(String.join("\r", frames)));
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus afterBadFrame = service().fetch();
        VehicleStatus next = service().fetch();

        assertTrue(afterBadFrame.stale());
        assertFalse(next.stale());
        assertEquals(54.5, next.batteryPercent());
    }

    @Test
    void negativeResponseKeepsTheLastGoodState() throws VehicleException {
        service().fetch();
        elm.script("220101", Reaction.reply(String.join("\r", ElmFixtures.lines("negative-response.txt"))));
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus status = service().fetch();

        assertTrue(status.stale());
        assertEquals(54.5, status.batteryPercent());
        assertTrue(String.valueOf(service().diagnostics().get("last_error")).contains("7F 22 31"));
    }

    @Test
    void slowReplyWithinTheTimeoutIsRead() throws VehicleException {
        elm.script("220101", Reaction.delayed(COMMAND_TIMEOUT.dividedBy(4)));

        VehicleStatus status = service().fetch();

        assertFalse(status.stale());
        assertEquals(54.5, status.batteryPercent());
    }

    @Test
    void replyLaterThanTheTimeoutDoesNotLeakIntoTheNextRequest() throws Exception {
        service().fetch();
        elm.batteryReply = ElmFixtures.lines("220101-ac-charging.txt");
        elm.healthReply = ElmFixtures.lines("220105-ac-charging.txt");
        elm.script("220101", Reaction.delayed(COMMAND_TIMEOUT.multipliedBy(2)));
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus late = service().fetch();
        assertTrue(server().awaitLateReply(), "the simulator wrote the late reply");
        elm.batteryReply = ElmFixtures.lines("220101-idle.txt");
        elm.healthReply = ElmFixtures.lines("220105-idle.txt");
        int mark = elm.commandCount();
        clock.advance(PROBE_INTERVAL);
        VehicleStatus next = service().fetch();

        assertTrue(late.stale());
        assertEquals(54.5, late.batteryPercent());
        // the late (charging) reply was thrown away: the fresh values are the idle car's
        assertFalse(next.stale());
        assertFalse(next.charging());
        assertEquals(54.5, next.batteryPercent());
        assertEquals(concat(INIT, List.of("ATRV"), POLL), elm.commandsSince(mark));
    }

    @Test
    void adapterThatVanishesMidRequestIsReconnectedWithBackoffWhenItComesBack() throws Exception {
        service().fetch();
        elm.script("220101", Reaction.vanish());
        clock.advance(Duration.ofMinutes(1));

        VehicleStatus lost = service().fetch();
        assertTrue(lost.stale());
        assertEquals(54.5, lost.batteryPercent());
        assertEquals(Location.UNKNOWN, lost.location(), "no answer: the car may have left");
        assertEquals(false, service().diagnostics().get("adapter_connected"));
        assertEquals(1, service().diagnostics().get("reconnect_failures"));

        // within the back-off nothing is tried; after it, the port is still missing and the wait doubles
        clock.advance(Duration.ofSeconds(29));
        assertTrue(service().fetch().stale());
        assertEquals(1, service().diagnostics().get("reconnect_failures"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(service().fetch().stale());
        assertEquals(2, service().diagnostics().get("reconnect_failures"));
        assertEquals(clock.instant().plusSeconds(60).toString(), service().diagnostics().get("next_reconnect"));

        PtyPair pair = pty();
        server().close();
        pair.start();
        elm.powerOn();
        server = PtyElmServer.start(pair, elm);
        int mark = elm.commandCount();
        clock.advance(Duration.ofSeconds(60));
        VehicleStatus back = service().fetch();

        assertFalse(back.stale());
        assertEquals(Location.HOME, back.location());
        assertEquals(clock.instant(), back.lastUpdated());
        assertEquals(concat(INIT, POLL), elm.commandsSince(mark));
        assertEquals(true, service().diagnostics().get("adapter_connected"));
        assertEquals(0, service().diagnostics().get("reconnect_failures"));
    }

    @Test
    void adapterMissingFromTheStartIsACommunicationFailure() {
        pty().stop();

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());

        assertEquals(VehicleException.Kind.COMMUNICATION, e.kind());
        assertTrue(e.getMessage().contains(pty().adapterSide().toString()), e.getMessage());
    }

    @Test
    void cloneWithoutCraIsStillRead() throws VehicleException {
        elm.supportsCra = false;

        VehicleStatus status = service().fetch();

        assertEquals(54.5, status.batteryPercent());
        assertTrue(elm.commands().containsAll(List.of("ATCF7EC", "ATCM7FF")));
    }

    @Test
    void closedServiceLetsGoOfTheAdapter() throws Exception {
        service().fetch();
        int mark = elm.commandCount();

        service().close();

        VehicleException e = assertThrows(VehicleException.class, () -> service().fetch());
        assertEquals(VehicleException.Kind.COMMUNICATION, e.kind());
        assertEquals(mark, elm.commandCount());
        JSerialCommTransport other = new JSerialCommTransport(pty().adapterSide().toString(), 38400);
        other.open();
        other.close();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private IoniqObdService service() {
        IoniqObdService s = service;
        assertNotNull(s);
        return s;
    }

    private PtyElmServer server() {
        PtyElmServer s = server;
        assertNotNull(s);
        return s;
    }

    private PtyPair pty() {
        PtyPair p = pty;
        assertNotNull(p);
        return p;
    }
}
