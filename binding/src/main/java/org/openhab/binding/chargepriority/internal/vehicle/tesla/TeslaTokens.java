package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The owner's current access and refresh token. Deliberately not a record: {@link #toString()} must never print a
 * token.
 */
@NonNullByDefault
public final class TeslaTokens {

    private final String accessToken;
    private final String refreshToken;
    private final Instant accessTokenExpiresAt;

    public TeslaTokens(String accessToken, String refreshToken, Instant accessTokenExpiresAt) {
        this.accessToken = Objects.requireNonNull(accessToken);
        this.refreshToken = Objects.requireNonNull(refreshToken);
        this.accessTokenExpiresAt = Objects.requireNonNull(accessTokenExpiresAt);
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    public Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    /** True when the access token is expired or expires within {@code margin}. */
    public boolean expiresWithin(Instant now, Duration margin) {
        return !now.plus(margin).isBefore(accessTokenExpiresAt);
    }

    @Override
    public String toString() {
        return "TeslaTokens[accessToken=***, refreshToken=***, accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
