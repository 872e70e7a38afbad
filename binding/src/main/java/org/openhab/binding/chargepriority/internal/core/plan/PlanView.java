package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The household's current plan as everyone shows it (REST, WebSocket, channels, dashboard).
 *
 * @param active true when the plan decides (planning on, and a departure or a price to plan by); false: the snapshot
 *            rule decides and {@code plan} is what it would be
 * @param plan the plan, or null when nothing could be planned (no car read yet)
 * @param createdAt when it was planned
 * @param message the one sentence to show ("Plug in the Tesla at 02:00"), English
 * @param messageNb the same in Norwegian Bokmål
 * @param prices the prices it used
 */
@NonNullByDefault
public record PlanView(boolean active, @Nullable NightPlan plan, Instant createdAt, String message,
        String messageNb, PlanPrices prices, PlanSettings settings) {

    public List<PlanReason> reasons() {
        NightPlan p = plan;
        return p == null ? List.of() : p.reasons();
    }

    /** The car planned on the charger at this instant, or null. */
    public @Nullable String carAt(Instant when) {
        NightPlan p = plan;
        return p == null ? null : p.carAt(when).orElse(null);
    }

    public boolean chargeNow(Instant when) {
        NightPlan p = plan;
        return p != null && p.chargeNow(when);
    }
}
