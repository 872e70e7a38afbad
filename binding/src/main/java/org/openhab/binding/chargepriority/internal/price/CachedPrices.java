package org.openhab.binding.chargepriority.internal.price;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.plan.PlanPrices;
import org.openhab.binding.chargepriority.internal.core.plan.PriceSlot;

/**
 * The plan's prices from a {@link PriceSource} through a {@link PriceCache}: a day is asked once when it is
 * published (today at the first plan, tomorrow from 13:00, every 15 minutes until it is there, every 10 minutes after
 * a failure), so a day costs one request when all goes well.
 */
@NonNullByDefault
public final class CachedPrices implements PlanPrices.Provider {

    public static final String NONE = "none";

    private final PriceCache cache;
    private volatile @Nullable PlanPrices last;

    public CachedPrices(PriceCache cache) {
        this.cache = cache;
    }

    /**
     * The provider for the configured source, or {@link PlanPrices.Provider#NONE} for "none".
     *
     * @param base the source's address, null for its public one (tests point it at a local stand-in)
     * @throws IllegalArgumentException naming the setting that is wrong (unknown source or area, missing token)
     */
    public static PlanPrices.Provider create(String source, String area, @Nullable String entsoeToken,
            @Nullable URI base, Clock clock) {
        String s = check(source, area, entsoeToken);
        String a = area.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case HvaKosterStrommenSource.ID -> new CachedPrices(new PriceCache(new HvaKosterStrommenSource(
                    base != null ? base : HvaKosterStrommenSource.DEFAULT_BASE, new PriceHttp()), a, clock));
            case EntsoeSource.ID -> new CachedPrices(new PriceCache(new EntsoeSource(
                    base != null ? base : EntsoeSource.DEFAULT_BASE, String.valueOf(entsoeToken).trim(),
                    new PriceHttp()), a, clock));
            default -> PlanPrices.Provider.NONE;
        };
    }

    /**
     * Checks the price settings without creating anything.
     *
     * @return the source's id ({@link #NONE} for none)
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static String check(String source, String area, @Nullable String entsoeToken) {
        String s = source.trim().toLowerCase(Locale.ROOT);
        String a = area.trim().toUpperCase(Locale.ROOT);
        switch (s) {
            case "", NONE:
                return NONE;
            case HvaKosterStrommenSource.ID:
                if (!HvaKosterStrommenSource.AREAS.contains(a)) {
                    throw new IllegalArgumentException(
                            "priceArea must be NO1, NO2, NO3, NO4 or NO5 for hvakosterstrommen, was '" + area + "'");
                }
                return s;
            case EntsoeSource.ID:
                if (!EntsoeSource.AREAS.containsKey(a)) {
                    throw new IllegalArgumentException("priceArea must be one of "
                            + new java.util.TreeSet<>(EntsoeSource.AREAS.keySet()) + " for entsoe, was '" + area + "'");
                }
                if (entsoeToken == null || entsoeToken.isBlank()) {
                    throw new IllegalArgumentException("entsoeToken is required for the entsoe price source");
                }
                return s;
            default:
                throw new IllegalArgumentException(
                        "priceSource must be none, hvakosterstrommen or entsoe, was '" + source + "'");
        }
    }

    @Override
    public PlanPrices prices() {
        List<PriceSlot> slots = new ArrayList<>();
        for (PricePoint p : cache.known()) {
            slots.add(new PriceSlot(p.start(), p.end(), p.pricePerKwh()));
        }
        String problem = slots.isEmpty()
                ? "No prices for " + cache.area() + " from " + cache.sourceId() + " yet (source down or not published)"
                : null;
        PlanPrices prices = new PlanPrices(slots, cache.currency(), cache.area(), cache.sourceId(), problem);
        last = prices;
        return prices;
    }

    @Override
    public PlanPrices lastKnown() {
        PlanPrices prices = last;
        return prices != null ? prices
                : new PlanPrices(List.of(), cache.currency(), cache.area(), cache.sourceId(),
                        "Asking " + cache.sourceId() + " for the prices of " + cache.area());
    }
}
