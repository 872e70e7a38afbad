package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The Fleet API region of the owner's Tesla account, with the default hosts for signing in, for tokens and for the
 * API. Every host can be overridden in {@link TeslaConfig}.
 */
@NonNullByDefault
public enum TeslaRegion {
    /** North America and Asia-Pacific except China. */
    NA("https://auth.tesla.com/oauth2/v3/authorize", "https://fleet-auth.prd.vn.cloud.tesla.com/oauth2/v3/token",
            "https://fleet-api.prd.na.vn.cloud.tesla.com"),
    /** Europe, the Middle East and Africa. */
    EU("https://auth.tesla.com/oauth2/v3/authorize", "https://fleet-auth.prd.vn.cloud.tesla.com/oauth2/v3/token",
            "https://fleet-api.prd.eu.vn.cloud.tesla.com"),
    /** China: a separate app on developer.tesla.cn. */
    CN("https://auth.tesla.cn/oauth2/v3/authorize", "https://auth.tesla.cn/oauth2/v3/token",
            "https://fleet-api.prd.cn.vn.cloud.tesla.cn");

    private final URI authorizeUri;
    private final URI tokenUri;
    private final URI fleetApiBaseUri;

    TeslaRegion(String authorizeUri, String tokenUri, String fleetApiBaseUri) {
        this.authorizeUri = URI.create(authorizeUri);
        this.tokenUri = URI.create(tokenUri);
        this.fleetApiBaseUri = URI.create(fleetApiBaseUri);
    }

    public URI authorizeUri() {
        return authorizeUri;
    }

    public URI tokenUri() {
        return tokenUri;
    }

    /** The Fleet API base URL; also the {@code audience} of the code exchange. */
    public URI fleetApiBaseUri() {
        return fleetApiBaseUri;
    }

    /**
     * @param value "EU", "NA" or "CN" in any case
     * @throws IllegalArgumentException with a message naming the valid values
     */
    public static TeslaRegion parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (TeslaRegion region : values()) {
            if (region.name().equals(v)) {
                return region;
            }
        }
        throw new IllegalArgumentException("Unknown Tesla region '" + value + "': use EU, NA or CN");
    }

    /**
     * Tesla prefixes authorization codes and refresh tokens with the account's region ("EU_…", "NA_…"). Empty when
     * the prefix is absent or unknown.
     */
    public static Optional<TeslaRegion> fromTokenPrefix(String codeOrToken) {
        int underscore = codeOrToken.indexOf('_');
        if (underscore <= 0) {
            return Optional.empty();
        }
        String prefix = codeOrToken.substring(0, underscore).toUpperCase(Locale.ROOT);
        for (TeslaRegion region : values()) {
            if (region.name().equals(prefix)) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }
}
