package org.openhab.binding.chargepriority.internal.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.ChargeAction;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.Priority;
import org.openhab.binding.chargepriority.internal.model.Recommendation;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;

/**
 * Decides, for each car, whether it should be charged and how urgently, and which car the household should put on
 * its one charger now. Pure: no I/O, no clock of its own; the README holds the formula and worked examples.
 *
 * <pre>
 * score = 0                                                  when soc >= threshold
 * score = min(100, 60 * (threshold - soc) / threshold
 *                  + (soc < minimumCharge ? 25 : 0)
 *                  + (range < minimumRange ? 15 : 0))        otherwise, rounded to one decimal
 * </pre>
 */
@NonNullByDefault
public class DecisionEngine {

    static final double DEFICIT_WEIGHT = 60;
    static final double MINIMUM_CHARGE_BONUS = 25;
    static final double MINIMUM_RANGE_BONUS = 15;

    /** A vehicle's data, as seen by the engine. */
    public record Input(String id, VehicleStatus status) {
    }

    /**
     * @param vehicles the cars in a stable order (ids as keys); a car with no data at all is left out
     * @param settings the settings in force
     * @param previousPriorityId the id that held priority after the last decision, or null
     * @param now the time of the decision
     */
    public Decision decide(List<Input> vehicles, HouseholdSettings settings, @Nullable String previousPriorityId,
            Instant now) {
        Duration staleAfter = Duration.ofMinutes(2L * settings.updateIntervalMinutes());
        Map<String, Recommendation> recommendations = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        List<String> staleNames = new ArrayList<>();
        for (Input input : vehicles) {
            VehicleStatus status = input.status();
            boolean stale = isStale(status, staleAfter, now);
            Recommendation rec = recommend(status, settings, stale, now);
            recommendations.put(input.id(), rec);
            boolean wantsCharger = rec.action() != ChargeAction.NO_CHARGE;
            if (wantsCharger && stale) {
                staleNames.add(status.vehicleName());
            } else if (wantsCharger) {
                candidates.add(new Candidate(input.id(), status, rec));
            }
        }
        return new Decision(recommendations, choose(candidates, staleNames, settings, previousPriorityId));
    }

    /** True when the status is marked stale by its source or is older than twice the update interval. */
    public static boolean isStale(VehicleStatus status, Duration staleAfter, Instant now) {
        return status.stale() || status.lastUpdated().plus(staleAfter).isBefore(now);
    }

    /** The recommendation for one car. */
    public Recommendation recommend(VehicleStatus s, HouseholdSettings settings, boolean stale, Instant now) {
        int threshold = settings.chargeThreshold();
        double soc = s.batteryPercent();
        double score = score(s, settings);
        String name = s.vehicleName();
        String pct = pct(soc);
        ChargeAction action;
        String en;
        String nb;
        if (s.charging() && soc < threshold) {
            action = ChargeAction.CONTINUE_CHARGING;
            en = String.format(Locale.ROOT, "%s is charging at %s, below the %d %% threshold: keep charging", name,
                    pct, threshold);
            nb = String.format(Locale.ROOT, "%s lader på %s, under grensen på %d %%: fortsett ladingen", name, pct,
                    threshold);
        } else if (soc >= threshold) {
            action = ChargeAction.NO_CHARGE;
            if (s.charging()) {
                en = String.format(Locale.ROOT, "%s has reached the %d %% threshold (%s): stop charging", name,
                        threshold, pct);
                nb = String.format(Locale.ROOT, "%s har nådd grensen på %d %% (%s): stopp ladingen", name, threshold,
                        pct);
            } else {
                en = String.format(Locale.ROOT, "%s is at %s, at or above the %d %% threshold", name, pct, threshold);
                nb = String.format(Locale.ROOT, "%s er på %s, på eller over grensen på %d %%", name, pct, threshold);
            }
            score = 0;
        } else if (s.location() == Location.HOME) {
            action = ChargeAction.CHARGE;
            en = String.format(Locale.ROOT, "%s is at %s, below the %d %% threshold, and at home", name, pct,
                    threshold) + urgencyEn(s, settings);
            nb = String.format(Locale.ROOT, "%s er på %s, under grensen på %d %%, og er hjemme", name, pct, threshold)
                    + urgencyNb(s, settings);
        } else if (s.location() == Location.AWAY) {
            action = ChargeAction.NO_CHARGE;
            en = String.format(Locale.ROOT, "%s is at %s but not at home", name, pct);
            nb = String.format(Locale.ROOT, "%s er på %s, men er ikke hjemme", name, pct);
        } else {
            action = ChargeAction.NO_CHARGE;
            en = String.format(Locale.ROOT, "%s is at %s but its location is unknown, so it may not be at the charger",
                    name, pct);
            nb = String.format(Locale.ROOT, "%s er på %s, men posisjonen er ukjent, så den står kanskje ikke ved laderen",
                    name, pct);
        }
        if (stale) {
            en += " (data is stale)";
            nb += " (dataene er utdaterte)";
        }
        return new Recommendation(action, en, nb, now, soc, threshold, score);
    }

    /** The urgency score 0–100 as documented on the class. */
    public static double score(VehicleStatus s, HouseholdSettings settings) {
        double threshold = settings.chargeThreshold();
        double soc = s.batteryPercent();
        if (soc >= threshold) {
            return 0;
        }
        double score = DEFICIT_WEIGHT * (threshold - soc) / threshold;
        if (soc < settings.minimumChargePercent()) {
            score += MINIMUM_CHARGE_BONUS;
        }
        if (s.rangeKm() < settings.minimumRangeKm()) {
            score += MINIMUM_RANGE_BONUS;
        }
        return Math.min(100, Math.round(score * 10) / 10.0);
    }

    private static String urgencyEn(VehicleStatus s, HouseholdSettings settings) {
        if (s.batteryPercent() < settings.minimumChargePercent()) {
            return String.format(Locale.ROOT, "; below the %s minimum: urgent", pct(settings.minimumChargePercent()));
        }
        if (s.rangeKm() < settings.minimumRangeKm()) {
            return String.format(Locale.ROOT, "; range %.0f km is below the %.0f km minimum: urgent", s.rangeKm(),
                    settings.minimumRangeKm());
        }
        return "";
    }

    private static String urgencyNb(VehicleStatus s, HouseholdSettings settings) {
        if (s.batteryPercent() < settings.minimumChargePercent()) {
            return String.format(Locale.ROOT, "; under minimum på %s: haster", pct(settings.minimumChargePercent()));
        }
        if (s.rangeKm() < settings.minimumRangeKm()) {
            return String.format(Locale.ROOT, "; rekkevidden %.0f km er under minimum på %.0f km: haster",
                    s.rangeKm(), settings.minimumRangeKm());
        }
        return "";
    }

    private record Candidate(String id, VehicleStatus status, Recommendation rec) {
        double score() {
            return rec.priorityScore();
        }
    }

    private Priority choose(List<Candidate> candidates, List<String> staleNames, HouseholdSettings settings,
            @Nullable String previousPriorityId) {
        if (candidates.isEmpty()) {
            if (!staleNames.isEmpty()) {
                String names = String.join(", ", staleNames);
                return Priority.none("No car to charge now: the data for " + names + " is stale",
                        "Ingen bil skal lades nå: dataene for " + names + " er utdaterte");
            }
            return Priority.none("No car needs the charger now", "Ingen bil trenger laderen nå");
        }
        // Ties: higher score, then lower range, then lower state of charge, then id for a stable answer.
        Comparator<Candidate> byUrgency = Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingDouble(c -> c.status().rangeKm())
                .thenComparingDouble(c -> c.status().batteryPercent()).thenComparing(Candidate::id);
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(byUrgency);
        Candidate best = ranked.get(0);
        Candidate incumbent = incumbent(candidates, previousPriorityId);
        if (incumbent != null && incumbent != best
                && best.score() <= incumbent.score() + settings.hysteresisPoints()) {
            String why = incumbent.status().charging() ? "is already charging" : "already has priority";
            String whyNb = incumbent.status().charging() ? "lader allerede" : "har allerede prioritet";
            return priority(incumbent,
                    String.format(Locale.ROOT,
                            "Charge the %s first: it %s and %s's score %.1f does not beat its %.1f by more than %.0f",
                            incumbent.status().vehicleName(), why, best.status().vehicleName(), best.score(),
                            incumbent.score(), settings.hysteresisPoints()),
                    String.format(Locale.ROOT,
                            "Lad %s først: den %s, og poengsummen %.1f for %s slår ikke dens %.1f med mer enn %.0f",
                            incumbent.status().vehicleName(), whyNb, best.score(), best.status().vehicleName(),
                            incumbent.score(), settings.hysteresisPoints()));
        }
        if (ranked.size() == 1) {
            return priority(best,
                    String.format(Locale.ROOT, "Charge the %s first: it is the only car that needs the charger (%s)",
                            best.status().vehicleName(), pct(best.status().batteryPercent())),
                    String.format(Locale.ROOT, "Lad %s først: den er den eneste bilen som trenger laderen (%s)",
                            best.status().vehicleName(), pct(best.status().batteryPercent())));
        }
        Candidate other = ranked.get(1);
        if (best.score() == other.score()) {
            return priority(best,
                    String.format(Locale.ROOT,
                            "Charge the %s first: both cars are equally urgent (score %.1f) and it has the lower range (%.0f km)",
                            best.status().vehicleName(), best.score(), best.status().rangeKm()),
                    String.format(Locale.ROOT,
                            "Lad %s først: begge bilene haster like mye (poeng %.1f), og den har kortest rekkevidde (%.0f km)",
                            best.status().vehicleName(), best.score(), best.status().rangeKm()));
        }
        return priority(best,
                String.format(Locale.ROOT, "Charge the %s first: %s and score %.1f against %.1f for the %s",
                        best.status().vehicleName(), pct(best.status().batteryPercent()), best.score(), other.score(),
                        other.status().vehicleName()),
                String.format(Locale.ROOT, "Lad %s først: %s og poengsum %.1f mot %.1f for %s",
                        best.status().vehicleName(), pct(best.status().batteryPercent()), best.score(), other.score(),
                        other.status().vehicleName()));
    }

    /** The car that holds priority: one that is already charging, else the previous answer if it still wants it. */
    private static @Nullable Candidate incumbent(List<Candidate> candidates, @Nullable String previousPriorityId) {
        Candidate previous = null;
        for (Candidate c : candidates) {
            if (c.status().charging()) {
                return c;
            }
            if (c.id().equals(previousPriorityId)) {
                previous = c;
            }
        }
        return previous;
    }

    private static Priority priority(Candidate c, String en, String nb) {
        return new Priority(c.id(), c.status().vehicleName(), en, nb);
    }

    private static String pct(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f %%" : "%.1f %%", value);
    }
}
