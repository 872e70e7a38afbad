package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.TeslaCostMeter.Category;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.Vehicle;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleDataResponse;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleListResponse;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The Fleet API read calls this binding makes. Every call: a bearer token, a timeout, billing counted for every
 * answer below 500, one token refresh and retry on 401, bounded retries on 429 and 5xx, and no retry on 408 (the car
 * sleeps). It has no way to wake a car.
 */
@NonNullByDefault
public final class FleetApiClient {

    static final String VEHICLE_DATA_ENDPOINTS = "charge_state;drive_state;location_data;vehicle_state";

    private final Logger logger = LoggerFactory.getLogger(FleetApiClient.class);
    private final HttpTransport http;
    private final TeslaTokenManager tokens;
    private final TeslaCostMeter meter;
    private final URI apiBase;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RetryPolicy rateLimitRetry;
    private final RetryPolicy serverErrorRetry;
    private final Gson gson = new Gson();

    FleetApiClient(HttpTransport http, TeslaTokenManager tokens, TeslaCostMeter meter, TeslaConfig config,
            Sleeper sleeper, Clock clock, RetryPolicy rateLimitRetry, RetryPolicy serverErrorRetry) {
        this.http = http;
        this.tokens = tokens;
        this.meter = meter;
        this.apiBase = config.apiBaseUri();
        this.requestTimeout = config.requestTimeout();
        this.sleeper = sleeper;
        this.clock = clock;
        this.rateLimitRetry = rateLimitRetry;
        this.serverErrorRetry = serverErrorRetry;
    }

    /** {@code GET /api/1/vehicles}: the account's cars (to find a VIN). */
    public List<Vehicle> vehicles() throws VehicleException {
        VehicleListResponse list = parse(get("/api/1/vehicles"), VehicleListResponse.class);
        List<Vehicle> vehicles = list.response();
        return vehicles == null ? List.of() : vehicles;
    }

    /** {@code GET /api/1/vehicles/{vin}}: the car's {@code state} without contacting the car. */
    public Vehicle vehicle(String vin) throws VehicleException {
        Vehicle vehicle = parse(get("/api/1/vehicles/" + HttpTransport.encode(vin)), VehicleResponse.class)
                .response();
        if (vehicle == null) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla's answer holds no vehicle");
        }
        return vehicle;
    }

    /**
     * {@code GET /api/1/vehicles/{vin}/vehicle_data} with charge, drive, location and vehicle state. Call it only
     * for an online car: a sleeping car gives {@link Kind#ASLEEP} (HTTP 408).
     */
    public VehicleData vehicleData(String vin) throws VehicleException {
        VehicleData data = parse(get("/api/1/vehicles/" + HttpTransport.encode(vin) + "/vehicle_data?endpoints="
                + HttpTransport.encode(VEHICLE_DATA_ENDPOINTS)), VehicleDataResponse.class).response();
        if (data == null) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla's answer holds no vehicle data");
        }
        return data;
    }

    private String get(String pathAndQuery) throws VehicleException {
        URI uri = URI.create(apiBase + pathAndQuery);
        String path = uri.getPath();
        boolean refreshed = false;
        int rateLimitRetries = 0;
        int serverErrorRetries = 0;
        while (true) {
            String accessToken = tokens.accessToken();
            // Counted when sent: Tesla bills every request it answered under 500, also one whose answer we gave up
            // waiting for. A 5xx answer is not billed and is taken off again.
            meter.record(Category.DATA);
            HttpResult result = send(uri, accessToken);
            int status = result.status();
            if (status >= 500) {
                meter.refund(Category.DATA);
            }
            if (result.isSuccess()) {
                return result.body();
            }
            boolean mobileAccessOff = "mobile_access_disabled".equals(FleetApiErrors.errorText(result.body()));
            if (status == 401 && !refreshed && !mobileAccessOff) {
                logger.debug("Tesla answered 401 for {}; renewing the access token once", path);
                tokens.refreshAfterRejection(accessToken);
                refreshed = true;
                continue;
            }
            Optional<Duration> delay = Optional.empty();
            if (status == 429) {
                delay = rateLimitRetry.delayBeforeRetry(++rateLimitRetries, RetryHints.serverHint(result, clock));
            } else if (status >= 500) {
                delay = serverErrorRetry.delayBeforeRetry(++serverErrorRetries, RetryHints.serverHint(result, clock));
            }
            if (delay.isEmpty()) {
                throw FleetApiErrors.toException(result, apiBase);
            }
            logger.debug("Tesla answered {} for {}; retrying in {} s", status, path, delay.get().toSeconds());
            pause(delay.get());
        }
    }

    private HttpResult send(URI uri, String accessToken) throws VehicleException {
        try {
            return http.get(uri, Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
        } catch (HttpTimeoutException e) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla Fleet API (" + uri.getHost()
                    + ") did not answer within " + describe(requestTimeout), e);
        } catch (IOException e) {
            throw new VehicleException(Kind.COMMUNICATION,
                    "Cannot reach Tesla Fleet API at " + uri.getHost() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VehicleException(Kind.COMMUNICATION, "Interrupted while talking to Tesla Fleet API", e);
        }
    }

    private void pause(Duration delay) throws VehicleException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VehicleException(Kind.COMMUNICATION, "Interrupted while waiting to retry Tesla Fleet API", e);
        }
    }

    private <T> T parse(String json, Class<T> type) throws VehicleException {
        @Nullable
        T value;
        try {
            value = gson.fromJson(json, type);
        } catch (JsonParseException e) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla answered with something that is not the expected "
                    + "JSON (" + e.getClass().getSimpleName() + ")", e);
        }
        if (value == null) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla answered with an empty body");
        }
        return value;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
