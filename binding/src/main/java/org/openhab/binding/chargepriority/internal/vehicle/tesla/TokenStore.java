package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

/**
 * Keeps the tokens in a file inside a private folder (0700): {@value #TOKEN_FILE}, or one file per account when
 * several share the folder; file 0600, both tokens sealed with AES-GCM under the folder's key in {@value #KEY_FILE}
 * (0600). Every save replaces the file atomically.
 */
@NonNullByDefault
public final class TokenStore {

    public static final String TOKEN_FILE = "tesla-tokens.json";
    public static final String KEY_FILE = "tesla-tokens.key";

    private final Path dir;
    private final String fileName;
    private final SecureRandom random;
    private final Gson gson = new Gson();
    private @Nullable TokenCipher cipher;

    public TokenStore(Path dir) {
        this(dir, new SecureRandom());
    }

    TokenStore(Path dir, SecureRandom random) {
        this(dir, TOKEN_FILE, random);
    }

    /** @param fileName the token file's name in {@code dir}; the key file is the folder's, shared */
    public TokenStore(Path dir, String fileName) {
        this(dir, fileName, new SecureRandom());
    }

    TokenStore(Path dir, String fileName, SecureRandom random) {
        this.dir = dir;
        this.fileName = fileName;
        this.random = random;
    }

    public Path tokenFile() {
        return dir.resolve(fileName);
    }

    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    /**
     * @return the saved tokens, or empty when none were saved
     * @throws IOException when a file exists but cannot be read or decrypted
     */
    public synchronized Optional<TeslaTokens> load() throws IOException {
        Path file = tokenFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.exists(keyFile())) {
            throw new IOException("The token key file " + keyFile() + " is missing");
        }
        StoredTokens stored;
        try {
            stored = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), StoredTokens.class);
        } catch (JsonParseException e) {
            throw new IOException("The token file " + file + " is damaged");
        }
        if (stored == null || stored.accessToken == null || stored.refreshToken == null
                || stored.accessTokenExpiresAt == null) {
            throw new IOException("The token file " + file + " is incomplete");
        }
        TokenCipher c = cipher(false);
        try {
            return Optional.of(new TeslaTokens(c.decrypt(stored.accessToken), c.decrypt(stored.refreshToken),
                    Instant.parse(stored.accessTokenExpiresAt)));
        } catch (DateTimeParseException e) {
            throw new IOException("The token file " + file + " is damaged");
        }
    }

    /** Saves the tokens; when this returns they are on disk. */
    public synchronized void save(TeslaTokens tokens) throws IOException {
        SecureFiles.ensurePrivateDirectory(dir);
        TokenCipher c = cipher(true);
        StoredTokens stored = new StoredTokens();
        stored.version = 1;
        stored.accessToken = c.encrypt(tokens.accessToken());
        stored.refreshToken = c.encrypt(tokens.refreshToken());
        stored.accessTokenExpiresAt = tokens.accessTokenExpiresAt().toString();
        SecureFiles.writeAtomically(tokenFile(), gson.toJson(stored).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the tokens (the key stays, it protects nothing on its own). */
    public synchronized void delete() throws IOException {
        Files.deleteIfExists(tokenFile());
    }

    private TokenCipher cipher(boolean createIfMissing) throws IOException {
        TokenCipher c = cipher;
        if (c == null) {
            c = createIfMissing ? TokenCipher.loadOrCreate(keyFile(), random) : TokenCipher.load(keyFile(), random);
            cipher = c;
        }
        return c;
    }

    /** What is written to disk: sealed values only. */
    private static class StoredTokens {
        int version;
        @SerializedName("access_token")
        @Nullable
        String accessToken;
        @SerializedName("refresh_token")
        @Nullable
        String refreshToken;
        @SerializedName("access_token_expires_at")
        @Nullable
        String accessTokenExpiresAt;
    }
}
