package org.openhab.core.common;

import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in for openHAB 4.3's {@code AbstractUID}: colon-separated segments.
 */
@NonNullByDefault
public abstract class AbstractUID {

    public static final String SEPARATOR = ":";

    private final List<String> segments;

    protected AbstractUID(List<String> segments) {
        if (segments.size() < getMinimalNumberOfSegments()) {
            throw new IllegalArgumentException("UID must have at least " + getMinimalNumberOfSegments()
                    + " segments: " + String.join(SEPARATOR, segments));
        }
        this.segments = List.copyOf(segments);
    }

    protected abstract int getMinimalNumberOfSegments();

    protected List<String> getAllSegments() {
        return segments;
    }

    protected String getSegment(int segment) {
        return segments.get(segment);
    }

    @Override
    public String toString() {
        return getAsString();
    }

    public String getAsString() {
        return String.join(SEPARATOR, segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj != null && obj.getClass() == getClass() && Objects.equals(segments, ((AbstractUID) obj).segments);
    }
}
