package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.HouseholdSettings;
import org.openhab.core.config.core.Configuration;
import org.openhab.core.library.types.DecimalType;
import org.openhab.core.library.types.PointType;

/**
 * Reading the bridge configuration: where home is, where the history lives, which origins are allowed, and what is
 * written back.
 */
@NonNullByDefault
class HouseholdConfigurationTest {

    private static HouseholdConfiguration config(Map<String, Object> values) {
        return new Configuration(values).as(HouseholdConfiguration.class);
    }

    @Test
    void homeIsOpenHabsLocationUnlessConfigured() throws Exception {
        PointType openHab = new PointType(new DecimalType(63.43), new DecimalType(10.39));

        HouseholdConfiguration.Home fromOpenHab = config(Map.of()).home(openHab);
        assertEquals(new HouseholdConfiguration.Home(63.43, 10.39, 150), fromOpenHab);

        HouseholdConfiguration.Home configured = config(
                Map.of("homeLatitude", 59.91, "homeLongitude", 10.75, "homeRadius", 80)).home(openHab);
        assertEquals(new HouseholdConfiguration.Home(59.91, 10.75, 80), configured);
    }

    @Test
    void withoutAnyLocationThereIsNoHome() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> config(Map.of()).home(null));
        assertEquals("@text/offline.conf-error-no-home", e.statusDescription());
    }

    @Test
    void theHistoryLivesInUserdataUnlessConfigured() {
        assertEquals(Path.of("/var/lib/openhab", "chargepriority", "charging_manager.db"),
                config(Map.of()).historyPath("/var/lib/openhab"));
        assertEquals(Path.of("/var/lib/openhab", "cars.db"),
                config(Map.of("historyFile", "cars.db")).historyPath("/var/lib/openhab"));
        assertEquals(Path.of("/data/cars.db"),
                config(Map.of("historyFile", "/data/cars.db")).historyPath("/var/lib/openhab"));
    }

    @Test
    void allowedOriginsAreACommaSeparatedList() throws Exception {
        assertEquals(List.of(), config(Map.of()).origins());
        assertEquals(List.of("https://dash.example.org", "http://192.168.1.10:8080"),
                config(Map.of("allowedOrigins", " https://dash.example.org ,http://192.168.1.10:8080,")).origins());
    }

    @Test
    void aSettingChangedAtRunTimeIsWrittenBackAndTheOthersStayUnset() {
        Configuration bridge = new Configuration(Map.of("updateInterval", 15));
        HouseholdSettings running = config(bridge.getProperties()).settings(Map.of());

        HouseholdConfiguration.store(running.withChargeThreshold(70), bridge);

        assertEquals(Map.of("updateInterval", new BigDecimal(15), "chargeThreshold", new BigDecimal(70)),
                bridge.getProperties());
    }

    @Test
    void statusDescriptionsQuoteTheirArgumentsForOpenHab() {
        assertEquals("@text/offline.conf-error-origin [\"say 'hi'\"]",
                new InvalidConfigurationException("offline.conf-error-origin", "say \"hi\"").statusDescription());
    }
}
