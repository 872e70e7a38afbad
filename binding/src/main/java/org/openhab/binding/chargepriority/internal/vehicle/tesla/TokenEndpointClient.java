package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.TokenResponse;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * Talks to Tesla's token endpoint: the authorization-code exchange and the refresh. Token endpoints are not billed.
 * Error messages name Tesla's error code and what the owner should do, never a token or the secret.
 */
@NonNullByDefault
final class TokenEndpointClient {

    static final String AUTHORIZE_AGAIN = "Open /chargepriority/oauth/tesla to authorize the binding again.";

    private final HttpTransport http;
    private final TeslaConfig config;
    private final Gson gson = new Gson();

    TokenEndpointClient(HttpTransport http, TeslaConfig config) {
        this.http = http;
        this.config = config;
    }

    TokenResponse exchangeCode(String code, String codeVerifier, URI redirectUri) throws VehicleException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", config.clientId());
        if (!config.clientSecret().isEmpty()) {
            form.put("client_secret", config.clientSecret());
        }
        form.put("code", code);
        form.put("code_verifier", codeVerifier);
        form.put("redirect_uri", redirectUri.toString());
        form.put("audience", config.audience().toString());
        return post(form);
    }

    /** Refresh: no client secret and no audience (Tesla's third-party token flow). */
    TokenResponse refresh(String refreshToken) throws VehicleException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", config.clientId());
        form.put("refresh_token", refreshToken);
        return post(form);
    }

    private TokenResponse post(Map<String, String> form) throws VehicleException {
        URI uri = config.tokenUri();
        HttpResult result;
        try {
            result = http.postForm(uri, form);
        } catch (HttpTimeoutException e) {
            throw new VehicleException(Kind.COMMUNICATION, "Tesla's sign-in service at " + uri.getHost()
                    + " did not answer within " + config.requestTimeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new VehicleException(Kind.COMMUNICATION,
                    "Cannot reach Tesla's sign-in service at " + uri.getHost() + ": " + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VehicleException(Kind.COMMUNICATION, "Interrupted while talking to Tesla's sign-in service", e);
        }
        TokenResponse body = parse(result.body());
        String accessToken = body == null ? null : body.accessToken;
        if (result.isSuccess() && body != null && accessToken != null && !accessToken.isBlank()) {
            return body;
        }
        throw toException(result.status(), body == null ? null : body.error);
    }

    private @Nullable TokenResponse parse(String json) {
        try {
            return gson.fromJson(json, TokenResponse.class);
        } catch (JsonParseException e) {
            return null;
        }
    }

    private VehicleException toException(int status, @Nullable String error) {
        String code = error == null ? "" : error;
        return switch (code) {
            case "login_required", "invalid_grant" -> new VehicleException(Kind.AUTHENTICATION,
                    "Tesla no longer accepts the saved login (" + code + "). " + AUTHORIZE_AGAIN, status, null);
            case "invalid_auth_code" -> new VehicleException(Kind.AUTHENTICATION,
                    "The Tesla sign-in code expired or was already used (invalid_auth_code). "
                            + "Open /chargepriority/oauth/tesla to sign in again.",
                    status, null);
            case "invalid_client", "unauthorized_client" -> new VehicleException(Kind.CONFIGURATION,
                    "Tesla rejected the client id or client secret (" + code
                            + "). Check them against your application at developer.tesla.com.",
                    status, null);
            case "invalid_redirect_url", "invalid_redirect_uri", "redirect_uri_mismatch" -> new VehicleException(
                    Kind.CONFIGURATION,
                    "Tesla does not accept the redirect URI (" + code
                            + "). Add this binding's /chargepriority/oauth/tesla/callback URL to the app's allowed "
                            + "redirect URIs at developer.tesla.com.",
                    status, null);
            default -> status >= 500 || status < 400
                    ? new VehicleException(Kind.COMMUNICATION,
                            "Tesla's sign-in service failed (HTTP " + status + (code.isEmpty() ? "" : ", " + code)
                                    + "); try again later",
                            status, null)
                    : new VehicleException(Kind.AUTHENTICATION, "Tesla refused the token request (HTTP " + status
                            + (code.isEmpty() ? "" : ", " + code) + "). " + AUTHORIZE_AGAIN, status, null);
        };
    }
}
