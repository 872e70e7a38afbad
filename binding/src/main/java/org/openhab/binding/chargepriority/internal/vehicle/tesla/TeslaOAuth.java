package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.TokenResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's sign-in: authorization-code flow with PKCE (S256) and a random {@code state}. The start servlet
 * redirects the browser to {@link #authorizeUrl(URI)}; the callback servlet passes {@code state} and {@code code} to
 * {@link #exchange(String, String, URI)}.
 */
@NonNullByDefault
public final class TeslaOAuth {

    public static final String SCOPES = "openid offline_access vehicle_device_data vehicle_location";
    /** How long a started sign-in may take before its callback is refused. */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    /** Sign-ins started but not finished are kept up to this many (oldest dropped). */
    static final int MAX_PENDING = 10;

    private final Logger logger = LoggerFactory.getLogger(TeslaOAuth.class);
    private final TeslaConfig config;
    private final TokenEndpointClient endpoint;
    private final TeslaTokenManager tokens;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, PendingAuthorization> pending = new LinkedHashMap<>();

    TeslaOAuth(TeslaConfig config, TokenEndpointClient endpoint, TeslaTokenManager tokens, Clock clock,
            SecureRandom random) {
        this.config = config;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Starts a sign-in: remembers a new (state, code verifier) for {@link #PENDING_LIFETIME} and
     * returns the Tesla page to send the browser to.
     *
     * @param redirectUri the callback URL, exactly as registered with the Tesla app
     */
    public URI authorizeUrl(URI redirectUri) {
        String state = Pkce.randomToken(random);
        Pkce pkce = Pkce.generate(random);
        synchronized (pending) {
            purgeExpired(clock.instant());
            while (pending.size() >= MAX_PENDING) {
                Iterator<String> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            pending.put(state, new PendingAuthorization(pkce, redirectUri, clock.instant().plus(PENDING_LIFETIME)));
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", SCOPES);
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        query.put("prompt_missing_scopes", "true");
        String encoded = query.entrySet().stream()
                .map(e -> HttpTransport.encode(e.getKey()) + "=" + HttpTransport.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = config.authorizeUri().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + encoded);
    }

    /**
     * Finishes a sign-in: checks {@code state}, exchanges the code for tokens and saves them.
     *
     * @throws OAuthStateException when the state is unknown, already used or expired, or the redirect URI differs;
     *             nothing is sent to Tesla then
     * @throws VehicleException when Tesla refuses the code or the tokens cannot be saved
     */
    public void exchange(String state, String code, URI redirectUri) throws VehicleException {
        PendingAuthorization authorization;
        synchronized (pending) {
            authorization = pending.remove(state);
        }
        if (authorization == null) {
            throw new OAuthStateException("This Tesla sign-in is unknown or was already used (state mismatch). "
                    + "Open /chargepriority/oauth/tesla to start again.");
        }
        if (clock.instant().isAfter(authorization.expiresAt())) {
            throw new OAuthStateException("This Tesla sign-in took longer than " + PENDING_LIFETIME.toMinutes()
                    + " minutes and has expired. Open /chargepriority/oauth/tesla to start again.");
        }
        if (!authorization.redirectUri().equals(redirectUri)) {
            throw new OAuthStateException("The callback arrived at another address than the sign-in started from. "
                    + "Open /chargepriority/oauth/tesla to start again.");
        }
        Optional<TeslaRegion> accountRegion = TeslaRegion.fromTokenPrefix(code);
        if (accountRegion.isPresent() && accountRegion.get() != config.region()) {
            throw new VehicleException(Kind.CONFIGURATION,
                    "This Tesla account belongs to region " + accountRegion.get() + ", but the binding is set to "
                            + config.region() + ". Set the region to " + accountRegion.get()
                            + " and open /chargepriority/oauth/tesla again.");
        }
        TokenResponse response = endpoint.exchangeCode(code, authorization.pkce().verifier(), redirectUri);
        tokens.install(response);
        logger.debug("Tesla sign-in finished for client {}", config.clientId());
    }

    public boolean isAuthorized() {
        return tokens.isAuthorized();
    }

    /** True when a sign-in with this {@code state} was started here and not yet finished (so its callback is ours). */
    public boolean knows(String state) {
        synchronized (pending) {
            return pending.containsKey(state); // an expired one too: its callback then says that it expired
        }
    }

    /** Forgets the saved login. Tesla's consent stays until revoked at auth.tesla.com. */
    public void signOut() {
        tokens.forget();
    }

    private void purgeExpired(Instant now) {
        pending.values().removeIf(p -> now.isAfter(p.expiresAt()));
    }

    private record PendingAuthorization(Pkce pkce, URI redirectUri, Instant expiresAt) {
        @Override
        public String toString() {
            return "PendingAuthorization[redirectUri=" + redirectUri + ", expiresAt=" + expiresAt + "]";
        }
    }
}
