package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

import com.google.gson.annotations.SerializedName;

/**
 * The error part of Fleet API's response envelope: {@code {"response":null,"error":"…","error_description":"…"}}.
 */
public record FleetError(String error, @SerializedName("error_description") String errorDescription) {
}
