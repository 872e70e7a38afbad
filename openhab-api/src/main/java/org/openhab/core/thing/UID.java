package org.openhab.core.thing;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.common.AbstractUID;

/**
 * Stand-in for openHAB 4.3's {@code UID}: the first segment is the binding id.
 */
@NonNullByDefault
public abstract class UID extends AbstractUID {

    public UID(String... segments) {
        super(List.of(segments));
    }

    protected UID(List<String> segments) {
        super(segments);
    }

    @Override
    protected List<String> getAllSegments() {
        return super.getAllSegments();
    }

    public String getBindingId() {
        return getSegment(0);
    }
}
