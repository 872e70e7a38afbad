package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error line of the ELM327 datasheet is recognised, with and without spaces, and says what it means for polling.
 */
@NonNullByDefault
class ElmErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = { //
            "NO DATA|NO_DATA|true|false", //
            "NODATA|NO_DATA|true|false", //
            "CAN ERROR|CAN_ERROR|true|false", //
            "UNABLE TO CONNECT|UNABLE_TO_CONNECT|true|false", //
            "BUS INIT: ...ERROR|BUS_INIT_ERROR|true|false", //
            "BUSINIT:...ERROR|BUS_INIT_ERROR|true|false", //
            "ERR94|INTERNAL_ERROR|true|true", //
            "BUS BUSY|BUS_BUSY|false|false", //
            "BUS ERROR|BUS_ERROR|false|false", //
            "FB ERROR|FB_ERROR|false|false", //
            "DATA ERROR|DATA_ERROR|false|false", //
            "7EC2100591BD0070505<DATA ERROR|DATA_ERROR|false|false", //
            "<RX ERROR|RX_ERROR|false|false", //
            "BUFFER FULL|BUFFER_FULL|false|true", //
            "STOPPED|STOPPED|false|true", //
            "?|UNKNOWN_COMMAND|false|true", //
            "LV RESET|LV_RESET|false|true", //
            "ACT ALERT|ACT_ALERT|false|true", //
            "LP ALERT|LP_ALERT|false|true" })
    void adapterErrorLinesAreRecognised(String line, ElmError expected, boolean carSilent, boolean resetsAdapter) {
        Optional<ElmError> error = ElmError.of(line);

        assertEquals(Optional.of(expected), error);
        assertEquals(carSilent, expected.carSilent(), "car silent");
        assertEquals(resetsAdapter, expected.resetsAdapter(), "resets adapter");
    }

    @ParameterizedTest
    @ValueSource(strings = { "7EC103E620101EFFBE7", "OK", "ELM327 v1.5", "14.1V", "7EC037F2231AAAAAAAA" })
    void ordinaryRepliesAreNoErrors(String line) {
        assertEquals(Optional.empty(), ElmError.of(line));
    }
}
