package org.openhab.binding.chargepriority.internal.price;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

    private final Logger logger = LoggerFactory.getLogger(PriceHttp.class);
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Sleeper sleeper;

    /**
     * One client for every price source of the bundle: a JDK HttpClient keeps a selector thread until it is collected,
     * so one per household (rebuilt whenever a Thing changes) would pile threads up in a long-running openHAB.
     */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
    }

    public PriceHttp() {
        this(REQUEST_TIMEOUT, d -> Thread.sleep(d.toMillis()));
    }

    public PriceHttp(Duration requestTimeout, Sleeper sleeper) {
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.client = Shared.CLIENT;
    }

    /**
     * The body of a 200 answer.
     *
     * @param what names the request in messages, without any secret
     */
    public String get(URI uri, String what) throws PriceException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("User-Agent", "openHAB-ChargePriority/1.0").GET().build();
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
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                if (status == 404) {
                    throw PriceException.notPublished(what + ": not published (HTTP 404)", status);
                }
                last = PriceException.failed(what + ": HTTP " + status, status);
                if (status < 500) {
                    throw last;
                }
            } catch (HttpTimeoutException e) {
                last = PriceException.failed(what + ": no answer within " + requestTimeout.toSeconds() + " s", 0);
            } catch (IOException e) {
                last = PriceException.failed(what + ": " + e.getMessage(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PriceException.failed(what + ": interrupted", 0);
            }
            logger.debug("Price request failed (attempt {} of {}): {}", attempt, MAX_ATTEMPTS, last.getMessage());
        }
        throw last;
    }
}
