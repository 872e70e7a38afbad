package org.openhab.binding.chargepriority.internal.web;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A request the API refuses: the HTTP status and the JSON error body ({@code error}, {@code detail}, {@code field}).
 * Thrown before anything is changed, so a refused request leaves no trace.
 */
@NonNullByDefault
public class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final @Nullable String field;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    public ApiException(int status, String code, String detail, @Nullable String field) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The machine-readable problem, e.g. {@code invalid_hours}. */
    public String code() {
        return code;
    }

    /** The request field (query parameter, path segment or body field) the problem is in, or null. */
    public @Nullable String field() {
        return field;
    }
}
