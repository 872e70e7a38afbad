package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/** Turns a {@link PlanReason} into a sentence in English ("en") or Norwegian Bokmål ("nb"). */
@NonNullByDefault
public final class PlanText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private PlanText() {
    }

    /** The sentence for this reason; any language but "nb" gives English. Times are shown in {@code zone}. */
    public static String render(PlanReason r, String language, ZoneId zone) {
        boolean nb = "nb".equals(language) || "no".equals(language);
        String car = r.vehicle();
        String time = clock(r.time(), zone);
        String until = clock(r.until(), zone);
        String pct = pct(r.percent());
        String target = pct(r.targetPercent());
        return switch (r.code()) {
            case NO_PRICES -> nb ? "Ingen priser er kjent: planlagt bare etter hvor mye det haster"
                    : "No prices are known: planned by urgency only";
            case PRICES_UNKNOWN_FROM -> nb
                    ? f("Prisene er ukjente fra kl. %s: de timene regnes med den høyeste kjente prisen", time)
                    : f("Prices are not known from %s: those hours count at the highest known price", time);
            case AWAY -> nb ? f("%s er ikke hjemme: den planlegges når den kommer", car)
                    : f("The %s is not at home: it is planned when it arrives", car);
            case AT_TARGET -> nb ? f("%s er allerede på målet sitt på %s", car, target)
                    : f("The %s is already at its target of %s", car, target);
            case CHARGES -> nb ? f("%s lader %s–%s og får %s", car, time, until, pct)
                    : f("The %s charges %s–%s and gets to %s", car, time, until, pct);
            case URGENT_FIRST -> nb ? f("%s er under minimum på %s og får strømmen først", car, target)
                    : f("The %s is below its minimum of %s and gets the energy first", car, target);
            case SHORTFALL -> nb ? f("%s kjører med %s i stedet for %s", car, pct, target)
                    : f("The %s will leave with %s instead of %s", car, pct, target);
            case BELOW_MINIMUM -> nb ? f("%s kjører med %s, under minimum på %s", car, pct, target)
                    : f("The %s will leave with %s, below its minimum of %s", car, pct, target);
            case PLUG_IN -> nb ? f("Plugg inn %s kl. %s", car, time) : f("Plug in the %s at %s", car, time);
            case SWAP -> nb ? f("Flytt kabelen fra %s til %s kl. %s", r.other(), car, time)
                    : f("Move the cable from the %s to the %s at %s", r.other(), car, time);
            case NOTHING_TO_DO -> nb ? "Ingen bil trenger laderen før den kjører"
                    : "No car needs the charger before it leaves";
        };
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String clock(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? "" : CLOCK.format(instant.atZone(zone));
    }

    private static String pct(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.0f %%", value);
    }
}
