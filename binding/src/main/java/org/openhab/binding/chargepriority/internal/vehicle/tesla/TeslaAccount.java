package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * One Tesla sign-in and everything that hangs on it, shared by every car the binding reads on that account: the
 * tokens (one file), their renewal (one refresh at a time for all the cars: Tesla's refresh tokens are single-use),
 * and the OAuth sign-in that replaces them. The cars each keep their own VIN, API address and cost meter.
 */
@NonNullByDefault
public final class TeslaAccount {

    private final String id;
    private final TeslaConfig config;
    private final HttpTransport http;
    private final TokenStore store;
    private final TeslaTokenManager tokens;
    private final TeslaOAuth oauth;

    /**
     * @param id names the account in diagnostics and logs (e.g. "home-EU": bridge and region)
     * @param config the client, region and Tesla sign-in addresses (those of the car that opened the account)
     */
    TeslaAccount(String id, TeslaConfig config, TokenStore store, HttpTransport http, Clock clock,
            SecureRandom random) {
        this.id = id;
        this.config = config;
        this.http = http;
        this.store = store;
        TokenEndpointClient endpoint = new TokenEndpointClient(http, config);
        this.tokens = new TeslaTokenManager(store, endpoint, clock);
        this.oauth = new TeslaOAuth(config, endpoint, tokens, clock, random);
    }

    /** The account of a single car, with the token file {@value TokenStore#TOKEN_FILE} in its token folder. */
    static TeslaAccount ofOneCar(TeslaConfig config, HttpTransport http, Clock clock, SecureRandom random) {
        return new TeslaAccount("default", config, new TokenStore(config.tokenDir(), random), http, clock, random);
    }

    public String id() {
        return id;
    }

    public TeslaRegion region() {
        return config.region();
    }

    /** The owner's sign-in, for the OAuth start and callback servlets. */
    public TeslaOAuth oauth() {
        return oauth;
    }

    public boolean isAuthorized() {
        return tokens.isAuthorized();
    }

    /** Where the account's tokens are kept (encrypted, 0600). */
    public Path tokenFile() {
        return store.tokenFile();
    }

    TeslaTokenManager tokens() {
        return tokens;
    }

    HttpTransport http() {
        return http;
    }

    /**
     * True when a car with this configuration can use this sign-in: tokens belong to one client at one region's
     * sign-in service, so the client id and secret, the region and the sign-in addresses must be the same.
     */
    boolean accepts(TeslaConfig car) {
        return config.clientId().equals(car.clientId()) && config.clientSecret().equals(car.clientSecret())
                && config.region() == car.region() && config.authorizeUri().equals(car.authorizeUri())
                && config.tokenUri().equals(car.tokenUri()) && config.audience().equals(car.audience());
    }

    @Override
    public String toString() {
        return "TeslaAccount[" + id + ", region=" + config.region() + ", authorized=" + isAuthorized() + "]";
    }
}
