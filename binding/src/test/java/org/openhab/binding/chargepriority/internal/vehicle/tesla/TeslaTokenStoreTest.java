package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token file: private, encrypted, and refusing to hand out anything it cannot vouch for.
 */
@NonNullByDefault
class TeslaTokenStoreTest {

    private static final TeslaTokens TOKENS = new TeslaTokens("access-abc", "EU_refresh-xyz-123456",
            Instant.parse("2025-03-17T16:30:00Z"));

    private @TempDir Path tmp;

    @Test
    void savedTokensComeBackAfterARestart() throws Exception {
        Path dir = tmp.resolve("tesla");
        new TokenStore(dir).save(TOKENS);

        TeslaTokens loaded = new TokenStore(dir).load().orElseThrow();

        assertEquals(TOKENS.accessToken(), loaded.accessToken());
        assertEquals(TOKENS.refreshToken(), loaded.refreshToken());
        assertEquals(TOKENS.accessTokenExpiresAt(), loaded.accessTokenExpiresAt());
    }

    @Test
    void anExistingOpenFolderIsMadePrivate() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("tesla"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        new TokenStore(dir).save(TOKENS);

        assertEquals("rwx------", TeslaTestSupport.permissions(dir));
        assertEquals("rw-------", TeslaTestSupport.permissions(dir.resolve(TokenStore.TOKEN_FILE)));
    }

    @Test
    void aChangedFileIsRefusedNotMisread() throws Exception {
        Path dir = tmp.resolve("tesla");
        new TokenStore(dir).save(TOKENS);
        Path file = dir.resolve(TokenStore.TOKEN_FILE);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        int at = json.indexOf("v1:") + 10;
        char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
        Files.writeString(file, json.substring(0, at) + flipped + json.substring(at + 1), StandardCharsets.UTF_8);

        assertThrows(IOException.class, () -> new TokenStore(dir).load());
    }

    @Test
    void withoutItsKeyTheFileIsUseless() throws Exception {
        Path dir = tmp.resolve("tesla");
        new TokenStore(dir).save(TOKENS);
        Path other = tmp.resolve("other");
        new TokenStore(other).save(TOKENS);
        Files.copy(other.resolve(TokenStore.KEY_FILE), dir.resolve(TokenStore.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThrows(IOException.class, () -> new TokenStore(dir).load());
        Files.delete(dir.resolve(TokenStore.KEY_FILE));
        assertThrows(IOException.class, () -> new TokenStore(dir).load());
    }

    @Test
    void nothingSavedMeansNotAuthorized() throws Exception {
        assertTrue(new TokenStore(tmp.resolve("empty")).load().isEmpty());
    }

    @Test
    void tokensNeverShowInText() {
        assertFalse(TOKENS.toString().contains("access-abc"));
        assertFalse(TOKENS.toString().contains("refresh-xyz"));
    }
}
