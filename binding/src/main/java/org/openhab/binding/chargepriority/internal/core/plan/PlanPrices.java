package org.openhab.binding.chargepriority.internal.core.plan;

import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The spot prices the plan can use: the known price intervals from today's start through tomorrow, their currency,
 * the area and source, and why there are none or fewer than expected.
 *
 * @param known known prices per interval, in time order (may be empty)
 * @param problem null, or why prices are missing (source down, day not published)
 */
@NonNullByDefault
public record PlanPrices(List<PriceSlot> known, String currency, String area, String source,
        @Nullable String problem) {

    /** No price source configured: the plan goes by urgency and departures only. */
    public static final PlanPrices NONE = new PlanPrices(List.of(), "", "", "none", null);

    public PlanPrices {
        known = List.copyOf(known);
    }

    /** Gives the prices; may ask a source over the network (bounded by its timeouts), never throws. */
    @FunctionalInterface
    public interface Provider {
        Provider NONE = () -> PlanPrices.NONE;

        PlanPrices prices();

        /**
         * What this provider last gave, without asking anyone: the plan's prices before the first answer (the
         * source's name and area, no prices yet), never a network call.
         */
        default PlanPrices lastKnown() {
            return PlanPrices.NONE;
        }
    }
}
