package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Everything the Tesla Fleet API service needs to know, validated once. {@link #toString()} never shows the client
 * secret.
 */
@NonNullByDefault
public final class TeslaConfig {

    public static final String DEFAULT_NAME = "Tesla Model Y";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    public static final double DEFAULT_MONTHLY_BUDGET_USD = 10.0;
    public static final String USAGE_FILE_NAME = "fleet-api-usage.json";

    private static final Pattern VIN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    private final String clientId;
    private final String clientSecret;
    private final TeslaRegion region;
    private final String vin;
    private final String name;
    private final URI authorizeUri;
    private final URI tokenUri;
    private final URI apiBaseUri;
    private final URI audience;
    private final Path tokenDir;
    private final Path usageFile;
    private final double monthlyBudgetUsd;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration cacheTtl;

    private TeslaConfig(Builder b) {
        this.clientId = required(b.clientId, "clientId");
        this.clientSecret = b.clientSecret == null ? "" : b.clientSecret.trim();
        this.region = b.region;
        String v = required(b.vin, "vin").toUpperCase(Locale.ROOT);
        if (!VIN.matcher(v).matches()) {
            throw new IllegalArgumentException("vin must be the car's 17-character VIN, was '" + b.vin + "'");
        }
        this.vin = v;
        String n = b.name;
        this.name = n == null || n.isBlank() ? DEFAULT_NAME : n.trim();
        this.authorizeUri = uri(b.authorizeUrl, region.authorizeUri(), "authorizeUrl");
        this.tokenUri = uri(b.tokenUrl, region.tokenUri(), "tokenUrl");
        this.apiBaseUri = stripTrailingSlash(uri(b.apiBaseUrl, region.fleetApiBaseUri(), "apiBaseUrl"));
        this.audience = stripTrailingSlash(uri(b.audience, region.fleetApiBaseUri(), "audience"));
        Path dir = b.tokenDir;
        if (dir == null) {
            throw new IllegalArgumentException("tokenDir is required (a folder of its own for the Tesla tokens)");
        }
        this.tokenDir = dir;
        Path usage = b.usageFile;
        this.usageFile = usage == null ? dir.resolve(USAGE_FILE_NAME) : usage;
        if (!(b.monthlyBudgetUsd >= 0) || Double.isInfinite(b.monthlyBudgetUsd)) {
            throw new IllegalArgumentException("monthlyBudgetUsd must be 0 or more, was " + b.monthlyBudgetUsd);
        }
        this.monthlyBudgetUsd = b.monthlyBudgetUsd;
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.cacheTtl = b.cacheTtl;
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String required(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static URI uri(@Nullable String value, URI fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: '" + value + "'");
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + value + "'");
        }
        return uri;
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    private static Duration positive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret, or "" for an app registered as open source (PKCE only). Never log it. */
    public String clientSecret() {
        return clientSecret;
    }

    public TeslaRegion region() {
        return region;
    }

    public String vin() {
        return vin;
    }

    public String name() {
        return name;
    }

    public URI authorizeUri() {
        return authorizeUri;
    }

    public URI tokenUri() {
        return tokenUri;
    }

    /** Where API calls go: the region's Fleet API, or e.g. a vehicle-command proxy. */
    public URI apiBaseUri() {
        return apiBaseUri;
    }

    /** The {@code audience} sent in the code exchange: the region's Fleet API base URL unless overridden. */
    public URI audience() {
        return audience;
    }

    public Path tokenDir() {
        return tokenDir;
    }

    public Path usageFile() {
        return usageFile;
    }

    public double monthlyBudgetUsd() {
        return monthlyBudgetUsd;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration cacheTtl() {
        return cacheTtl;
    }

    @Override
    public String toString() {
        return "TeslaConfig[clientId=" + clientId + ", clientSecret=" + (clientSecret.isEmpty() ? "none" : "***")
                + ", region=" + region + ", vin=" + vin + ", name=" + name + ", apiBaseUri=" + apiBaseUri
                + ", tokenDir=" + tokenDir + ", monthlyBudgetUsd=" + monthlyBudgetUsd + "]";
    }

    /**
     * Builds a {@link TeslaConfig}. Blank URLs mean "the region's default", so Thing configuration values can be
     * passed as they are.
     */
    public static final class Builder {
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private TeslaRegion region = TeslaRegion.EU;
        private @Nullable String vin;
        private @Nullable String name;
        private @Nullable String authorizeUrl;
        private @Nullable String tokenUrl;
        private @Nullable String apiBaseUrl;
        private @Nullable String audience;
        private @Nullable Path tokenDir;
        private @Nullable Path usageFile;
        private double monthlyBudgetUsd = DEFAULT_MONTHLY_BUDGET_USD;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;

        private Builder() {
        }

        public Builder clientId(@Nullable String value) {
            clientId = value;
            return this;
        }

        public Builder clientSecret(@Nullable String value) {
            clientSecret = value;
            return this;
        }

        public Builder region(TeslaRegion value) {
            region = Objects.requireNonNull(value);
            return this;
        }

        public Builder vin(@Nullable String value) {
            vin = value;
            return this;
        }

        public Builder name(@Nullable String value) {
            name = value;
            return this;
        }

        public Builder authorizeUrl(@Nullable String value) {
            authorizeUrl = value;
            return this;
        }

        public Builder tokenUrl(@Nullable String value) {
            tokenUrl = value;
            return this;
        }

        public Builder apiBaseUrl(@Nullable String value) {
            apiBaseUrl = value;
            return this;
        }

        public Builder audience(@Nullable String value) {
            audience = value;
            return this;
        }

        /** A folder of its own: it is created (or tightened) to 0700. */
        public Builder tokenDir(Path value) {
            tokenDir = value;
            return this;
        }

        /** Where the monthly call counts are kept; defaults to {@value #USAGE_FILE_NAME} in the token folder. */
        public Builder usageFile(@Nullable Path value) {
            usageFile = value;
            return this;
        }

        public Builder monthlyBudgetUsd(double value) {
            monthlyBudgetUsd = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder cacheTtl(Duration value) {
            cacheTtl = Objects.requireNonNull(value);
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public TeslaConfig build() {
            return new TeslaConfig(this);
        }
    }
}
