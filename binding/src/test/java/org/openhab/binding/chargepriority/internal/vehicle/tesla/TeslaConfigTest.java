package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Configuration: region defaults, overrides, and clear errors for what an owner can get wrong.
 */
@NonNullByDefault
class TeslaConfigTest {

    private static TeslaConfig.Builder valid() {
        return TeslaConfig.builder().clientId("client").clientSecret("very-secret-value").vin("xp7ygcek5pb000001")
                .tokenDir(Path.of("target/test-tmp/tesla"));
    }

    @Test
    void europeIsTheDefaultRegionWithTeslasHosts() {
        TeslaConfig config = valid().build();

        assertEquals(TeslaRegion.EU, config.region());
        assertEquals(URI.create("https://fleet-api.prd.eu.vn.cloud.tesla.com"), config.apiBaseUri());
        assertEquals(URI.create("https://fleet-auth.prd.vn.cloud.tesla.com/oauth2/v3/token"), config.tokenUri());
        assertEquals(URI.create("https://auth.tesla.com/oauth2/v3/authorize"), config.authorizeUri());
        assertEquals("XP7YGCEK5PB000001", config.vin());
        assertEquals("Tesla Model Y", config.name());
        assertEquals(10.0, config.monthlyBudgetUsd());
        assertEquals(Path.of("target/test-tmp/tesla/fleet-api-usage.json"), config.usageFile());
    }

    @Test
    void northAmericaAndChinaPickTheirOwnHosts() {
        assertEquals(URI.create("https://fleet-api.prd.na.vn.cloud.tesla.com"),
                valid().region(TeslaRegion.parse("na")).build().apiBaseUri());
        TeslaConfig cn = valid().region(TeslaRegion.parse("CN")).build();
        assertEquals(URI.create("https://fleet-api.prd.cn.vn.cloud.tesla.cn"), cn.apiBaseUri());
        assertEquals("auth.tesla.cn", cn.authorizeUri().getHost());
    }

    @Test
    void aProxyForTheApiKeepsTheRegionAsAudience() {
        TeslaConfig config = valid().apiBaseUrl("https://localhost:4443/").build();

        assertEquals(URI.create("https://localhost:4443"), config.apiBaseUri());
        assertEquals(URI.create("https://fleet-api.prd.eu.vn.cloud.tesla.com"), config.audience());
    }

    @Test
    void blankOverridesMeanTheDefault() {
        assertEquals(TeslaRegion.EU.tokenUri(), valid().tokenUrl(" ").authorizeUrl("").build().tokenUri());
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> valid().clientId(" ").build()).getMessage()
                .contains("clientId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> valid().vin("5YJ3").build()).getMessage()
                .contains("17-character VIN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> valid().apiBaseUrl("fleet-api").build())
                .getMessage().contains("apiBaseUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeslaRegion.parse("EMEA")).getMessage()
                .contains("EU, NA or CN"));
        assertThrows(IllegalArgumentException.class, () -> valid().monthlyBudgetUsd(-1).build());
    }

    @Test
    void theClientSecretNeverShowsInText() {
        assertFalse(valid().build().toString().contains("very-secret-value"));
    }
}
