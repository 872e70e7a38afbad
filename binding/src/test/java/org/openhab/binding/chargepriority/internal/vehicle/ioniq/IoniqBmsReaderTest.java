package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.SimulatedElm327.Reaction;

/**
 * Reading the BMS through an initialised session, against the in-memory simulated adapter.
 */
@NonNullByDefault
class IoniqBmsReaderTest {

    private final SimulatedElm327 elm = new SimulatedElm327();
    private final InMemoryElmTransport transport = new InMemoryElmTransport(elm);
    private final Elm327Session session = new Elm327Session(transport, d -> {
    }, Duration.ofMillis(200), Duration.ofMillis(600), Duration.ZERO);
    private final IoniqBmsReader reader = new IoniqBmsReader(session);

    @BeforeEach
    void initialise() throws Exception {
        transport.open();
        session.initialise(Deadline.after(Duration.ofSeconds(5)));
    }

    @Test
    void readsBatteryAndHealthOfTheWorkedExample() throws Exception {
        BmsBatteryData battery = reader.readBattery(Deadline.after(Duration.ofSeconds(5)));
        BmsHealthData health = reader.readHealth(Deadline.after(Duration.ofSeconds(5)));

        assertEquals(55.0, battery.socPercent());
        assertEquals(712.0, battery.packVoltageV());
        assertEquals(95.0, health.stateOfHealthPercent());
        assertEquals(54.5, health.displaySocPercent());
    }

    @Test
    void negativeResponseIsDropped() {
        elm.script("220101", Reaction.reply(String.join("\r", ElmFixtures.lines("negative-response.txt"))));

        ElmException e = assertThrows(ElmException.class,
                () -> reader.readBattery(Deadline.after(Duration.ofSeconds(5))));
        assertEquals(ElmError.NEGATIVE_RESPONSE, e.error());
        assertTrue(e.getMessage().contains("7F 22 31"), e.getMessage());
    }

    @Test
    void responsePendingFollowedByTheReplyIsRead() throws Exception {
        elm.script("220101", Reaction.reply(
                "7EC037F2278AAAAAAAA\r" + String.join("\r", ElmFixtures.lines("220101-idle.txt"))));

        assertEquals(55.0, reader.readBattery(Deadline.after(Duration.ofSeconds(5))).socPercent());
    }

    @Test
    void replyToTheWrongRequestIsNotTakenForTheBattery() {
        elm.script("220101", Reaction.reply(String.join("\r", ElmFixtures.lines("220105-idle.txt"))));

        ElmException e = assertThrows(ElmException.class,
                () -> reader.readBattery(Deadline.after(Duration.ofSeconds(5))));
        assertEquals(ElmError.MALFORMED, e.error());
    }

    @Test
    void searchingBeforeTheReplyIsIgnored() throws Exception {
        elm.script("220101",
                Reaction.reply("SEARCHING...\r" + String.join("\r", ElmFixtures.lines("220101-idle.txt"))));

        assertEquals(712.0, reader.readBattery(Deadline.after(Duration.ofSeconds(5))).packVoltageV());
        assertEquals(List.of("220101"), elm.commandsSince(elm.commandCount() - 1));
    }
}
