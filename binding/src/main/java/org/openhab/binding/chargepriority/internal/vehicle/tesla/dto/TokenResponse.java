package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

import com.google.gson.annotations.SerializedName;

/**
 * Answer of the token endpoint (code exchange and refresh), or its error. Not a record so that no generated
 * {@code toString()} can print a token.
 */
public class TokenResponse {
    @SerializedName("access_token")
    public String accessToken;
    @SerializedName("refresh_token")
    public String refreshToken;
    @SerializedName("id_token")
    public String idToken;
    @SerializedName("expires_in")
    public Long expiresIn;
    @SerializedName("token_type")
    public String tokenType;
    public String error;
    @SerializedName("error_description")
    public String errorDescription;

    @Override
    public String toString() {
        return "TokenResponse[error=" + error + ", expiresIn=" + expiresIn + "]";
    }
}
