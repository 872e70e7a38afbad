package org.openhab.binding.chargepriority.internal.handler;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.model.VehicleKind;

/**
 * The order of a household's cars and their names: stable whatever order the Things come in, the first of each kind
 * keeps the name it always had, and no two cars share a name.
 */
@NonNullByDefault
class CarNamesTest {

    private static VehicleSetup car(String id, VehicleKind kind, @Nullable String label) {
        return new VehicleSetup(id, kind, label, true, Map.of(), c -> null);
    }

    @Test
    void theThingNamedAfterItsKindComesFirstThenTheOthersByIdEachWithADistinctName() {
        List<VehicleSetup> arrivalOrder = List.of(car("bmw", VehicleKind.VEHICLE, "BMW i4"),
                car("model3", VehicleKind.TESLA, "Tesla Model Y"), car("b-ioniq", VehicleKind.IONIQ, null),
                car("tesla", VehicleKind.TESLA, "My Tesla"), car("a-ioniq", VehicleKind.IONIQ, " "),
                car("garage", VehicleKind.VEHICLE, "BMW i4"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("tesla", "Tesla Model Y"); // the Thing "tesla": as before, whatever its label
        expected.put("model3", "Tesla Model Y (model3)"); // its label is taken
        expected.put("a-ioniq", "Hyundai Ioniq 5"); // the first Ioniq
        expected.put("b-ioniq", "Hyundai Ioniq 5 (b-ioniq)"); // no label: the model, which is taken
        expected.put("bmw", "BMW i4");
        expected.put("garage", "BMW i4 (garage)");
        Map<String, String> names = CarNames.of(arrivalOrder);
        assertEquals(expected, names);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(names.keySet()), "in the household's order");
        List<VehicleSetup> reversed = new ArrayList<>(arrivalOrder);
        Collections.reverse(reversed);
        assertEquals(List.copyOf(names.entrySet()), List.copyOf(CarNames.of(reversed).entrySet()),
                "whatever order openHAB initializes them in");
    }

    @Test
    void aSingleTeslaOfAnyIdKeepsTheModelsNameAndWithoutATeslaThingTheFirstIdIsTheFirst() {
        assertEquals(Map.of("garage-car", "Tesla Model Y"),
                CarNames.of(List.of(car("garage-car", VehicleKind.TESLA, "Tesla"))));
        assertEquals(Map.of("cabin", "Tesla Model Y", "garage-car", "Tesla"),
                CarNames.of(List.of(car("garage-car", VehicleKind.TESLA, "Tesla"),
                        car("cabin", VehicleKind.TESLA, "Tesla"))));
    }
}
