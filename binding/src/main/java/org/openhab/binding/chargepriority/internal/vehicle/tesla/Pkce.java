package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A PKCE pair (RFC 7636, method S256): a random verifier kept here and its challenge sent to the authorize page.
 */
@NonNullByDefault
final class Pkce {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String verifier;
    private final String challenge;

    private Pkce(String verifier) {
        this.verifier = verifier;
        this.challenge = challengeFor(verifier);
    }

    /** 32 random bytes: a 43-character verifier, the minimum length RFC 7636 allows. */
    static Pkce generate(SecureRandom random) {
        return new Pkce(randomToken(random));
    }

    static Pkce of(String verifier) {
        return new Pkce(verifier);
    }

    static String challengeFor(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** An unguessable URL-safe token of 32 random bytes. */
    static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    String verifier() {
        return verifier;
    }

    String challenge() {
        return challenge;
    }

    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
