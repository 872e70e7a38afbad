package org.openhab.binding.chargepriority.internal.core.plan;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * The planner's objective, compared in this order (lexicographically): energy missing below the cars' urgency
 * floors, energy missing to the targets of cars that have a departure, energy missing to the targets of cars without
 * one (all kWh into the battery), then the cost of the energy from the grid with unknown prices valued at the highest
 * known price. Smaller is better. Values closer than {@link #TOLERANCE} count as equal.
 */
@NonNullByDefault
public record PlanScore(double urgentMissingKwh, double departureMissingKwh, double otherMissingKwh,
        double valuedCost) implements Comparable<PlanScore> {

    public static final double TOLERANCE = 1e-6;

    static int compare(double u1, double d1, double o1, double c1, double u2, double d2, double o2, double c2) {
        int r = compare(u1, u2);
        if (r == 0) {
            r = compare(d1, d2);
        }
        if (r == 0) {
            r = compare(o1, o2);
        }
        return r == 0 ? compare(c1, c2) : r;
    }

    private static int compare(double a, double b) {
        double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        if (Math.abs(a - b) <= TOLERANCE * scale) {
            return 0;
        }
        return a < b ? -1 : 1;
    }

    @Override
    public int compareTo(PlanScore o) {
        return compare(urgentMissingKwh, departureMissingKwh, otherMissingKwh, valuedCost, o.urgentMissingKwh,
                o.departureMissingKwh, o.otherMissingKwh, o.valuedCost);
    }
}
