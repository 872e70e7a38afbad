package org.openhab.binding.chargepriority.internal.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Who may use the web API: an optional API token and the foreign origins a browser may call from. Set by the front
 * door that builds the household (the standalone configuration or the openHAB bridge's configuration).
 *
 * <p>
 * The server's own origin (the request's {@code Host}) is always allowed; requests without an {@code Origin} header
 * (curl, scripts, openHAB rules) are not browser cross-site requests and are allowed too. The token is never logged
 * and never returned.
 */
@NonNullByDefault
public final class WebSecurity {

    /** No token, only the server's own origin. */
    public static final WebSecurity OPEN = new WebSecurity(null, List.of());

    private final byte @Nullable [] tokenDigest;
    private final Set<String> allowedOrigins;

    /**
     * @param apiToken the token {@code /api/*} and {@code /ws} require, or null/blank for none
     * @param allowedOrigins further origins browsers may call from, e.g. {@code http://laptop.local:3000}
     * @throws IllegalArgumentException naming the entry when an origin is not {@code scheme://host[:port]}
     */
    public WebSecurity(@Nullable String apiToken, List<String> allowedOrigins) {
        String token = apiToken == null ? null : apiToken.trim();
        this.tokenDigest = token == null || token.isEmpty() ? null : sha256(token);
        Set<String> origins = new LinkedHashSet<>();
        for (String o : allowedOrigins) {
            String trimmed = o.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String normalized = normalizeOrigin(trimmed);
            if (normalized == null) {
                throw new IllegalArgumentException("allowedOrigins: '" + trimmed
                        + "' is not an origin; write scheme://host[:port], e.g. http://192.168.1.20:3000");
            }
            origins.add(normalized);
        }
        this.allowedOrigins = Collections.unmodifiableSet(origins);
    }

    public boolean requiresToken() {
        return tokenDigest != null;
    }

    /** True when no token is configured, or the candidate is the token (compared in constant time). */
    public boolean tokenMatches(@Nullable String candidate) {
        byte[] expected = tokenDigest;
        if (expected == null) {
            return true;
        }
        if (candidate == null) {
            return false;
        }
        // Comparing digests keeps the time independent of both the content and the length of the token.
        return MessageDigest.isEqual(expected, sha256(candidate));
    }

    public List<String> allowedOrigins() {
        return new ArrayList<>(allowedOrigins);
    }

    /**
     * Whether a browser on {@code origin} may use the API: the server's own origin (same host and port as the
     * {@code Host} header) or a configured one.
     */
    public boolean isAllowedOrigin(String origin, @Nullable String host) {
        String normalized = normalizeOrigin(origin);
        if (normalized == null) {
            return false; // "null" (sandboxed frames, file:) and garbage
        }
        return allowedOrigins.contains(normalized) || isSameOrigin(normalized, host);
    }

    private static boolean isSameOrigin(String normalizedOrigin, @Nullable String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        int schemeEnd = normalizedOrigin.indexOf("://");
        String scheme = normalizedOrigin.substring(0, schemeEnd);
        // The Host header carries no scheme: give it the origin's, so that default ports compare equal.
        String hostAsOrigin = normalizeOrigin(scheme + "://" + host.trim());
        return normalizedOrigin.equals(hostAsOrigin);
    }

    /**
     * {@code scheme://host[:port]} in lower case without a default port, or null when the text is not an http(s)
     * origin.
     */
    static @Nullable String normalizeOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int defaultPort;
        if ("http".equals(scheme)) {
            defaultPort = 80;
        } else if ("https".equals(scheme)) {
            defaultPort = 443;
        } else {
            return null;
        }
        int port = uri.getPort();
        String h = host.toLowerCase(Locale.ROOT);
        return port == -1 || port == defaultPort ? scheme + "://" + h : scheme + "://" + h + ":" + port;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        // Never the token itself.
        return "WebSecurity[token " + (requiresToken() ? "set" : "not set") + ", allowedOrigins " + allowedOrigins
                + "]";
    }
}
