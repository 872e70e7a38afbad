package org.openhab.binding.chargepriority.internal.handler;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The checks the configuration classes share. Each throws with the i18n key that names the problem.
 */
@NonNullByDefault
final class ConfigurationChecks {

    private ConfigurationChecks() {
    }

    static void range(String parameter, double value, double min, double max) throws InvalidConfigurationException {
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigurationException("offline.conf-error-range", parameter, plain(min), plain(max),
                    plain(value));
        }
    }

    static void required(String parameter, String value) throws InvalidConfigurationException {
        if (value.isBlank()) {
            throw new InvalidConfigurationException("offline.conf-error-required", parameter);
        }
    }

    /** An absolute http(s) address without a path, query or fragment, e.g. {@code https://auth.tesla.com}. */
    static void baseAddress(String parameter, String value) throws InvalidConfigurationException {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            String path = uri.getPath();
            if (scheme == null || !("http".equals(scheme.toLowerCase(Locale.ROOT))
                    || "https".equals(scheme.toLowerCase(Locale.ROOT))) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null
                    || (path != null && !path.isEmpty() && !"/".equals(path))) {
                throw new URISyntaxException(value, "not a base address");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("offline.conf-error-address", parameter, value);
        }
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
