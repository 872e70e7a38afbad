package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * PKCE as RFC 7636 defines it, so Tesla accepts the verifier.
 */
@NonNullByDefault
class TeslaPkceTest {

    @Test
    void challengeMatchesTheWorkedExampleOfRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge());
    }

    @Test
    void generatedVerifiersAreLongEnoughUrlSafeAndNeverRepeat() {
        SecureRandom random = new SecureRandom();
        Pkce a = Pkce.generate(random);
        Pkce b = Pkce.generate(random);

        assertTrue(a.verifier().matches("[A-Za-z0-9_-]{43}"), a.verifier());
        assertEquals(Pkce.challengeFor(a.verifier()), a.challenge());
        assertNotEquals(a.verifier(), b.verifier());
        assertFalse(a.toString().contains(a.verifier()), "the verifier is a secret until the exchange");
    }
}
