package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.TokenResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the owner's tokens and renews them. Tesla refresh tokens are single-use: only one refresh runs at a time,
 * and the rotated refresh token is on disk before the new access token is handed to anyone.
 */
@NonNullByDefault
public final class TeslaTokenManager {

    /** Renew this long before the access token runs out, so a request never starts with a dying token. */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
    /** Used when Tesla omits {@code expires_in} (it normally says 28800 s). */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final Logger logger = LoggerFactory.getLogger(TeslaTokenManager.class);
    private final TokenStore store;
    private final TokenEndpointClient endpoint;
    private final Clock clock;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private volatile @Nullable TeslaTokens tokens;
    private volatile @Nullable String problem;

    TeslaTokenManager(TokenStore store, TokenEndpointClient endpoint, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.clock = clock;
        try {
            Optional<TeslaTokens> saved = store.load();
            tokens = saved.orElse(null);
        } catch (IOException e) {
            logger.warn("The saved Tesla login cannot be read: {}", e.getMessage());
            problem = "The saved Tesla login cannot be read (" + e.getMessage() + "). "
                    + TokenEndpointClient.AUTHORIZE_AGAIN;
        }
    }

    public boolean isAuthorized() {
        return tokens != null;
    }

    /** A valid access token, renewed first when it expires within a few minutes. */
    public String accessToken() throws VehicleException {
        TeslaTokens current = tokens;
        if (current == null) {
            throw notAuthorized();
        }
        if (!current.expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
            return current.accessToken();
        }
        return refreshAfterRejection(current.accessToken());
    }

    /**
     * Called after Tesla answered 401 to {@code rejectedAccessToken}. When another caller already renewed the
     * tokens meanwhile, returns the newer access token without spending the refresh token again.
     */
    public String refreshAfterRejection(String rejectedAccessToken) throws VehicleException {
        refreshLock.lock();
        try {
            TeslaTokens current = tokens;
            if (current == null) {
                throw notAuthorized();
            }
            Instant now = clock.instant();
            if (!current.accessToken().equals(rejectedAccessToken) && !current.expiresWithin(now, EXPIRY_MARGIN)) {
                return current.accessToken();
            }
            TokenResponse response;
            try {
                response = endpoint.refresh(current.refreshToken());
            } catch (VehicleException e) {
                if (e.kind() == Kind.AUTHENTICATION) {
                    loseAuthorization(e.getMessage());
                }
                throw e;
            }
            TeslaTokens next = toTokens(response, current.refreshToken(), now);
            try {
                store.save(next);
            } catch (IOException e) {
                // the old refresh token is spent: keep the new one in memory so this run goes on
                tokens = next;
                throw new VehicleException(Kind.CONFIGURATION, "Could not save the renewed Tesla login in "
                        + store.tokenFile().getParent() + " (" + e.getMessage() + "); check the folder's permissions",
                        e);
            }
            tokens = next;
            logger.debug("Tesla access token renewed, valid until {}", next.accessTokenExpiresAt());
            return next.accessToken();
        } finally {
            refreshLock.unlock();
        }
    }

    /** Saves the tokens from a fresh code exchange. */
    void install(TokenResponse response) throws VehicleException {
        String refreshToken = response.refreshToken;
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new VehicleException(Kind.CONFIGURATION,
                    "Tesla returned no refresh token: the offline_access scope was not granted. "
                            + TokenEndpointClient.AUTHORIZE_AGAIN);
        }
        refreshLock.lock();
        try {
            TeslaTokens next = toTokens(response, refreshToken, clock.instant());
            try {
                store.save(next);
            } catch (IOException e) {
                throw new VehicleException(Kind.CONFIGURATION, "Could not save the Tesla login in "
                        + store.tokenFile().getParent() + " (" + e.getMessage() + "); check the folder's permissions",
                        e);
            }
            tokens = next;
            problem = null;
            logger.info("Tesla authorization saved");
        } finally {
            refreshLock.unlock();
        }
    }

    /** Forgets the login (memory and disk), e.g. when the owner signs the binding out. */
    public void forget() {
        loseAuthorization(null);
    }

    /** A user-safe description of why the binding is not authorized, or null. */
    public @Nullable String problem() {
        return problem;
    }

    private void loseAuthorization(@Nullable String reason) {
        tokens = null;
        problem = reason;
        try {
            store.delete();
        } catch (IOException e) {
            logger.debug("Could not delete the Tesla token file: {}", e.getMessage());
        }
    }

    private VehicleException notAuthorized() {
        String reason = problem;
        return new VehicleException(Kind.AUTHENTICATION, reason != null ? reason
                : "The binding is not authorized with Tesla yet. Open /chargepriority/oauth/tesla to sign in.");
    }

    private static TeslaTokens toTokens(TokenResponse response, String previousRefreshToken, Instant now) {
        String refresh = response.refreshToken;
        Long expiresIn = response.expiresIn;
        Duration lifetime = expiresIn != null && expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_LIFETIME;
        return new TeslaTokens(response.accessToken, refresh == null || refresh.isBlank() ? previousRefreshToken
                : refresh, now.plus(lifetime));
    }
}
