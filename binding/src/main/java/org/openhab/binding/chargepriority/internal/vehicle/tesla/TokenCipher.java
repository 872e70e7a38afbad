package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * AES-256-GCM for the tokens at rest. The key lives in a file of its own (0600), so a copy of the token file alone
 * (a backup, a support bundle) does not give the tokens away.
 */
@NonNullByDefault
final class TokenCipher {

    private static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ASSOCIATED_DATA = "chargepriority-tesla-token".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final SecureRandom random;

    private TokenCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** Reads the key file, or creates it (0600) when it does not exist yet. */
    static TokenCipher loadOrCreate(Path keyFile, SecureRandom random) throws IOException {
        if (Files.exists(keyFile)) {
            return load(keyFile, random);
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        SecureFiles.writeAtomically(keyFile, Base64.getEncoder().encode(key));
        return new TokenCipher(key, random);
    }

    /** Reads an existing key file. */
    static TokenCipher load(Path keyFile, SecureRandom random) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("The token key file " + keyFile + " is damaged");
        }
        if (key.length != KEY_BYTES) {
            throw new IOException("The token key file " + keyFile + " is damaged");
        }
        return new TokenCipher(key, random);
    }

    String encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES/GCM is part of every Java 17 runtime
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IOException when the value was not sealed with this key or was changed */
    String decrypt(String sealed) throws IOException {
        if (!sealed.startsWith(PREFIX)) {
            throw new IOException("Unknown token encoding");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (in.length <= IV_BYTES) {
                throw new IOException("Token value too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, IV_BYTES)));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("The token file cannot be decrypted with the key file (changed or a different key)");
        }
    }
}
