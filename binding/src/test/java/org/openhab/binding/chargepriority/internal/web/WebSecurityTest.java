package org.openhab.binding.chargepriority.internal.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.core.InvalidSettingException;
import org.openhab.binding.chargepriority.internal.standalone.StandaloneConfig;

/**
 * The origin and token rules themselves.
 */
class WebSecurityTest {

    @Test
    void theServersOwnOriginIsTheHostHeaderWithDefaultPortsEqual() {
        WebSecurity s = WebSecurity.OPEN;
        assertTrue(s.isAllowedOrigin("http://192.168.1.10:8000", "192.168.1.10:8000"));
        assertTrue(s.isAllowedOrigin("http://charger.local", "charger.local:80"));
        assertTrue(s.isAllowedOrigin("https://charger.local", "CHARGER.local"));
        assertTrue(s.isAllowedOrigin("http://[::1]:8000", "[::1]:8000"));
        assertFalse(s.isAllowedOrigin("http://192.168.1.10:8001", "192.168.1.10:8000"));
        assertFalse(s.isAllowedOrigin("http://evil.example", "192.168.1.10:8000"));
        assertFalse(s.isAllowedOrigin("https://charger.local", "charger.local:80"), "https is port 443");
        assertFalse(s.isAllowedOrigin("null", "charger.local"));
        assertFalse(s.isAllowedOrigin("file://", "charger.local"));
        assertFalse(s.isAllowedOrigin("http://charger.local", null));
    }

    @Test
    void configuredOriginsAreComparedNormalized() {
        WebSecurity s = new WebSecurity(null, List.of(" http://Laptop.local:3000 ", "https://home.example.org:443"));
        assertTrue(s.isAllowedOrigin("http://laptop.local:3000", "charger.local"));
        assertTrue(s.isAllowedOrigin("https://home.example.org", "charger.local"));
        assertFalse(s.isAllowedOrigin("http://laptop.local:3001", "charger.local"));
        assertEquals(List.of("http://laptop.local:3000", "https://home.example.org"), s.allowedOrigins());
    }

    @Test
    void aMisspeltOriginIsAConfigurationErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebSecurity(null, List.of("laptop.local:3000")));
        assertTrue(e.getMessage().contains("laptop.local:3000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WebSecurity(null, List.of("http://x.local/path")));
        assertThrows(IllegalArgumentException.class, () -> new WebSecurity(null, List.of("ftp://x.local")));
    }

    @Test
    void theTokenMustMatchExactly() {
        WebSecurity s = new WebSecurity("  s3cret  ", List.of());
        assertTrue(s.requiresToken());
        assertTrue(s.tokenMatches("s3cret"));
        assertFalse(s.tokenMatches("s3cre"));
        assertFalse(s.tokenMatches("s3cret "));
        assertFalse(s.tokenMatches("S3CRET"));
        assertFalse(s.tokenMatches(null));
        assertFalse(s.toString().contains("s3cret"));

        WebSecurity none = new WebSecurity("  ", List.of());
        assertFalse(none.requiresToken());
        assertTrue(none.tokenMatches(null));
    }

    @Test
    void theStandaloneConfigurationSetsTokenAndOrigins() {
        WebSecurity s = new StandaloneConfig(
                Map.of("apiToken", "abc123", "allowedOrigins", "http://a.local:3000, https://b.local")).webSecurity();
        assertTrue(s.tokenMatches("abc123"));
        assertFalse(s.tokenMatches("abc"));
        assertEquals(List.of("http://a.local:3000", "https://b.local"), s.allowedOrigins());

        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new StandaloneConfig(Map.of("allowedOrigins", "a.local")).webSecurity());
        assertEquals("allowedOrigins", e.field());
    }
}
