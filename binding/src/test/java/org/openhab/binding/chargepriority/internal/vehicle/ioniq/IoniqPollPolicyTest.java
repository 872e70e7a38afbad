package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;
import static org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqPollPolicy.Action.*;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqPollPolicy.Mode;

/**
 * When the car is read, probed or left alone.
 */
@NonNullByDefault
class IoniqPollPolicyTest {

    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private final IoniqPollPolicy policy = new IoniqPollPolicy(INTERVAL, 12.2, 13.0);

    @Test
    void unknownCarIsProbedBeforeItsBatterySystemIsAddressed() {
        assertEquals(PROBE_VOLTAGE, policy.next(T0));
    }

    @Test
    void probeShowingTheCarOnLetsTheReadThrough() {
        assertEquals(POLL_BMS, policy.voltageMeasured(T0, 14.1));
        policy.bmsAnswered(T0, 14.1);

        assertEquals(POLL_BMS, policy.next(T0.plusSeconds(1)));
        assertEquals(Mode.AWAKE, policy.mode());
    }

    @Test
    void silentCarIsLeftAloneForOneProbeInterval() {
        policy.voltageMeasured(T0, 14.1);
        policy.bmsAnswered(T0, 14.1);

        policy.bmsSilent(T0.plusSeconds(60));

        assertEquals(Mode.PARKED, policy.mode());
        assertEquals(WAIT, policy.next(T0.plusSeconds(60)));
        assertEquals(WAIT, policy.next(T0.plusSeconds(60).plus(INTERVAL).minusMillis(1)));
        assertEquals(PROBE_VOLTAGE, policy.next(T0.plusSeconds(60).plus(INTERVAL)));
        assertEquals(T0.plusSeconds(60).plus(INTERVAL), policy.nextProbe());
    }

    @Test
    void parkedVoltageDoesNotWakeTheBatterySystem() {
        policy.bmsSilent(T0.minus(INTERVAL));
        assertEquals(WAIT, policy.voltageMeasured(T0, 12.4));

        assertEquals(Mode.PARKED, policy.mode());
        assertEquals(WAIT, policy.next(T0.plus(INTERVAL).minusSeconds(1)));
        assertEquals(PROBE_VOLTAGE, policy.next(T0.plus(INTERVAL)));
    }

    @Test
    void lowVoltageStopsReadsUntilTheCarRunsAgain() {
        assertEquals(WAIT, policy.voltageMeasured(T0, 12.1));
        assertEquals(Mode.LOW_VOLTAGE, policy.mode());

        // a resting battery recovers a little: not enough
        assertEquals(WAIT, policy.voltageMeasured(T0.plus(INTERVAL), 12.6));
        assertEquals(Mode.LOW_VOLTAGE, policy.mode());

        assertEquals(POLL_BMS, policy.voltageMeasured(T0.plus(INTERVAL.multipliedBy(2)), 13.6));
        assertEquals(Mode.AWAKE, policy.mode());
    }

    @Test
    void lowVoltageReportedByTheBatterySystemStopsReads() {
        policy.voltageMeasured(T0, 13.2);

        policy.bmsAnswered(T0, 12.0);

        assertEquals(Mode.LOW_VOLTAGE, policy.mode());
        assertEquals(WAIT, policy.next(T0.plusSeconds(1)));
    }

    @Test
    void singleBusGlitchDoesNotPauseAnAwakeCar() {
        policy.voltageMeasured(T0, 14.1);
        policy.bmsAnswered(T0, 14.1);

        policy.bmsFailed(T0.plusSeconds(60));

        assertEquals(POLL_BMS, policy.next(T0.plusSeconds(61)));
    }

    @Test
    void repeatedFailuresCountAsSilence() {
        policy.voltageMeasured(T0, 14.1);
        policy.bmsAnswered(T0, 14.1);

        for (int i = 0; i < IoniqPollPolicy.MAX_CONSECUTIVE_FAILURES; i++) {
            policy.bmsFailed(T0.plusSeconds(i));
        }

        assertEquals(Mode.PARKED, policy.mode());
        assertEquals(WAIT, policy.next(T0.plusSeconds(10)));
    }

    @Test
    void withoutVoltageProbeTheBatterySystemIsTheProbeAtMostOncePerInterval() {
        assertEquals(POLL_BMS, policy.voltageUnknown(T0));
        policy.bmsSilent(T0);

        assertEquals(WAIT, policy.next(T0.plus(INTERVAL).minusSeconds(1)));
        assertEquals(PROBE_VOLTAGE, policy.next(T0.plus(INTERVAL)));
    }

    @Test
    void withoutVoltageProbeALowBatteryIsStillLeftAlone() {
        policy.voltageMeasured(T0, 11.8);

        assertEquals(WAIT, policy.voltageUnknown(T0.plus(INTERVAL)));
        assertEquals(WAIT, policy.next(T0.plus(INTERVAL).plusSeconds(1)));
    }

    @Test
    void firstContactAndInconclusiveVoltagesLetOneReadThroughAndSilenceParksForAnInterval() {
        assertEquals(POLL_BMS, policy.voltageMeasured(T0, 12.3), "first contact");
        policy.bmsSilent(T0);
        assertEquals(WAIT, policy.next(T0.plus(INTERVAL).minusMillis(1)));
        assertEquals(WAIT, policy.voltageMeasured(T0.plus(INTERVAL), 12.4), "below the band: parked");
        assertEquals(POLL_BMS, policy.voltageMeasured(T0.plus(INTERVAL.multipliedBy(2)), 12.5), "in the band");
        policy.bmsSilent(T0.plus(INTERVAL.multipliedBy(2)));
        assertEquals(WAIT, policy.next(T0.plus(INTERVAL.multipliedBy(3)).minusMillis(1)));

        policy.reconnected();
        assertEquals(POLL_BMS, policy.voltageMeasured(T0.plus(INTERVAL.multipliedBy(3)), 12.3), "after a reconnect");
        policy.bmsAnswered(T0.plus(INTERVAL.multipliedBy(3)), 12.3);
        assertEquals(Mode.AWAKE, policy.mode(), "it answered: awake whatever the voltage said");
    }
}
