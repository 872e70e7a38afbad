package org.openhab.core.thing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code ThingUID}: {@code binding:type[:bridgeIds…]:id}.
 */
@NonNullByDefault
public class ThingUID extends UID {

    public ThingUID(ThingTypeUID thingTypeUID, String id) {
        super(thingTypeUID.getBindingId(), thingTypeUID.getId(), id);
    }

    public ThingUID(ThingTypeUID thingTypeUID, ThingUID bridgeUID, String id) {
        super(withBridge(thingTypeUID, bridgeUID, id));
    }

    public ThingUID(String... segments) {
        super(segments);
    }

    private static List<String> withBridge(ThingTypeUID thingTypeUID, ThingUID bridgeUID, String id) {
        List<String> segments = new ArrayList<>();
        segments.add(thingTypeUID.getBindingId());
        segments.add(thingTypeUID.getId());
        segments.addAll(bridgeUID.getBridgeIds());
        segments.add(bridgeUID.getId());
        segments.add(id);
        return segments;
    }

    public List<String> getBridgeIds() {
        List<String> all = getAllSegments();
        return all.subList(2, all.size() - 1);
    }

    public String getId() {
        List<String> all = getAllSegments();
        return all.get(all.size() - 1);
    }

    @Override
    protected int getMinimalNumberOfSegments() {
        return 3;
    }
}
