package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.*;
import static org.openhab.binding.chargepriority.internal.handler.ChargePriorityBindingConstants.*;

import java.time.ZoneId;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.web.HouseholdRegistry;
import org.openhab.core.thing.Bridge;
import org.openhab.core.thing.Thing;
import org.openhab.core.thing.ThingTypeUID;
import org.openhab.core.thing.ThingUID;

/**
 * The factory makes the right handler for each thing type, and none for others.
 */
@NonNullByDefault
class ChargePriorityHandlerFactoryTest {

    private final ChargePriorityHandlerFactory factory = new ChargePriorityHandlerFactory(new HouseholdRegistry(),
            () -> null, () -> ZoneId.of("Europe/Oslo"), () -> Locale.ENGLISH);

    @Test
    void supportsItsThreeThingTypesOnly() {
        assertTrue(factory.supportsThingType(THING_TYPE_HOUSEHOLD));
        assertTrue(factory.supportsThingType(THING_TYPE_TESLA));
        assertTrue(factory.supportsThingType(THING_TYPE_IONIQ));
        assertFalse(factory.supportsThingType(new ThingTypeUID(BINDING_ID, "kona")));
        assertFalse(factory.supportsThingType(new ThingTypeUID("tesla", "model3")));
    }

    @Test
    void createsTheHandlerOfEachType() {
        Bridge household = mock(Bridge.class);
        when(household.getThingTypeUID()).thenReturn(THING_TYPE_HOUSEHOLD);
        Thing tesla = mock(Thing.class);
        when(tesla.getThingTypeUID()).thenReturn(THING_TYPE_TESLA);
        when(tesla.getUID()).thenReturn(new ThingUID(THING_TYPE_TESLA, "model3"));
        Thing ioniq = mock(Thing.class);
        when(ioniq.getThingTypeUID()).thenReturn(THING_TYPE_IONIQ);
        when(ioniq.getUID()).thenReturn(new ThingUID(THING_TYPE_IONIQ, "ioniq"));

        assertInstanceOf(HouseholdBridgeHandler.class, factory.createHandler(household));
        assertInstanceOf(TeslaHandler.class, factory.createHandler(tesla));
        assertInstanceOf(IoniqHandler.class, factory.createHandler(ioniq));
    }
}
