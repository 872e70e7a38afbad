package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.net.http.HttpHeaders;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * One HTTP answer: status, headers and the body as text.
 */
@NonNullByDefault
public record HttpResult(int status, HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
