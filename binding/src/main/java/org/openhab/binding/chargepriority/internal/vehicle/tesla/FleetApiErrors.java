package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.net.URI;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.FleetError;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * Turns a Fleet API error answer into a {@link VehicleException} whose message tells the owner what to do.
 */
@NonNullByDefault
final class FleetApiErrors {

    private static final int MAX_DETAIL = 200;
    private static final Gson GSON = new Gson();

    private FleetApiErrors() {
    }

    static VehicleException toException(HttpResult result, URI apiBase) {
        int status = result.status();
        String error = errorText(result.body());
        String detail = error.isEmpty() ? "" : ": " + error;
        String host = apiBase.getHost();
        return switch (status) {
            case 401 -> "mobile_access_disabled".equals(error)
                    ? new VehicleException(Kind.CONFIGURATION,
                            "Mobile access is switched off in the car (HTTP 401: mobile_access_disabled). Turn on "
                                    + "Controls > Safety > Allow Mobile Access.",
                            status, null)
                    : new VehicleException(Kind.AUTHENTICATION, "Tesla refused the renewed access token (HTTP 401"
                            + detail + "). " + TokenEndpointClient.AUTHORIZE_AGAIN, status, null);
            case 402 -> new VehicleException(Kind.CONFIGURATION, "Tesla wants a payment method or a higher billing "
                    + "limit for this application (HTTP 402). Check billing at developer.tesla.com.", status, null);
            case 403 -> new VehicleException(Kind.AUTHENTICATION, "Tesla refused access (HTTP 403" + detail
                    + "): the login lacks a permission this binding needs (vehicle information). "
                    + "Open /chargepriority/oauth/tesla and allow vehicle information and location.", status, null);
            case 404 -> new VehicleException(Kind.CONFIGURATION,
                    "Tesla does not know this vehicle on the account (HTTP 404). Check the VIN.", status, null);
            case 408 -> new VehicleException(Kind.ASLEEP,
                    "The Tesla is asleep or offline (HTTP 408); the binding does not wake it.", status, null);
            case 412 -> new VehicleException(Kind.CONFIGURATION, "Tesla answered 412: the Fleet API application is "
                    + "not registered in this region (" + host + "). Register the partner account for this region: "
                    + "get a partner token (client_credentials grant) and call POST " + apiBase
                    + "/api/1/partner_accounts with your application's domain, then try again.", status, null);
            case 421 -> new VehicleException(Kind.CONFIGURATION, "Tesla answered 421: the Tesla account is not in the "
                    + "region of " + host + detail + ". Set the region (EU, NA or CN) to the one of your Tesla "
                    + "account and open /chargepriority/oauth/tesla to authorize again.", status, null);
            case 423 -> new VehicleException(Kind.AUTHENTICATION, "The Tesla account is locked (HTTP 423). Unlock it "
                    + "at tesla.com, then open /chargepriority/oauth/tesla.", status, null);
            case 429 -> new VehicleException(Kind.COMMUNICATION,
                    "Tesla's rate limit is reached (HTTP 429); trying again at the next update.", status, null);
            case 451 -> new VehicleException(Kind.CONFIGURATION, "Tesla refuses this request for this region or for "
                    + "privacy reasons (HTTP 451" + detail + "). Check the region setting.", status, null);
            default -> new VehicleException(Kind.COMMUNICATION,
                    (status >= 500 ? "Tesla Fleet API failed (HTTP " : "Tesla Fleet API answered HTTP ") + status
                            + detail + ")",
                    status, null);
        };
    }

    /** Tesla's short error text, cut to a sane length; empty when there is none. */
    static String errorText(String body) {
        try {
            FleetError error = GSON.fromJson(body, FleetError.class);
            String text = error == null ? null : error.error();
            if (text == null) {
                return "";
            }
            text = text.strip();
            return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
        } catch (JsonParseException e) {
            return "";
        }
    }
}
