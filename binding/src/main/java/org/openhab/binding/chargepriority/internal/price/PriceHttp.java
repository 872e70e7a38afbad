package org.openhab.binding.chargepriority.internal.price;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET with a timeout on every call and a bounded retry: network errors and 5xx are tried again after 1 s and 2 s
 * (three attempts in all); 404 means "not published", any other 4xx fails at once.
 */
@NonNullByDefault
public final class PriceHttp {

    /** How the retry waits; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_ATTEMPTS = 3;
    /** Larger answers are refused: a day of quarter-hours is about 10 kB as JSON, 30 kB as ENTSO-E XML. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Logger logger = LoggerFactory.getLogger(PriceHttp.class);
    private final Duration requestTimeout;
    private final Sleeper sleeper;

    public PriceHttp() {
        this(REQUEST_TIMEOUT, d -> Thread.sleep(d.toMillis()));
    }

    public PriceHttp(Duration requestTimeout, Sleeper sleeper) {
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
    }

    /**
     * The body of a 200 answer.
     *
     * @param what names the request in messages, without any secret
     */
    public String get(URI uri, String what) throws PriceException {
        PriceException last = PriceException.failed(what + ": no attempt", 0);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(Duration.ofSeconds(attempt - 1L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw PriceException.failed(what + ": interrupted", 0);
                }
            }
            HttpURLConnection connection = null;
            try {
                // HttpURLConnection, not java.net.http: a JDK 17 HttpClient cannot be closed and keeps a selector
                // thread until it is collected, which a bundle updated in place in openHAB never is.
                connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
                connection.setReadTimeout((int) requestTimeout.toMillis());
                connection.setInstanceFollowRedirects(true);
                connection.setRequestProperty("User-Agent", "openHAB-ChargePriority/1.0");
                connection.setRequestProperty("Accept", "application/json, application/xml");
                int status = connection.getResponseCode();
                if (status == 200) {
                    try (InputStream in = connection.getInputStream()) {
                        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                        if (body.length > MAX_BODY_BYTES) {
                            throw PriceException.failed(what + ": the answer is larger than " + MAX_BODY_BYTES
                                    + " bytes", status);
                        }
                        return new String(body, StandardCharsets.UTF_8);
                    }
                }
                drain(connection);
                if (status == 404) {
                    throw PriceException.notPublished(what + ": not published (HTTP 404)", status);
                }
                last = PriceException.failed(what + ": HTTP " + status, status);
                if (status < 500) {
                    throw last;
                }
            } catch (SocketTimeoutException e) {
                last = PriceException.failed(what + ": no answer within " + requestTimeout.toSeconds() + " s", 0);
            } catch (IOException | IllegalArgumentException e) {
                last = PriceException.failed(what + ": " + e.getMessage(), 0);
            } finally {
                if (connection != null && Thread.currentThread().isInterrupted()) {
                    connection.disconnect();
                }
            }
            logger.debug("Price request failed (attempt {} of {}): {}", attempt, MAX_ATTEMPTS, last.getMessage());
        }
        throw last;
    }

    /** Reads an error answer's body away, so the connection can be kept alive for the next request. */
    private static void drain(HttpURLConnection connection) {
        try (InputStream err = connection.getErrorStream()) {
            if (err != null) {
                err.readNBytes(64 * 1024);
            }
        } catch (IOException e) {
            // nothing to keep alive then
        }
    }
}
