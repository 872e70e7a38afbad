package org.openhab.binding.chargepriority.internal.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.core.Household;
import org.osgi.service.component.annotations.Component;

/**
 * The households the web layer serves. The standalone component or the openHAB bridge handler registers the one it
 * built, with the {@link WebSecurity} from its configuration; the servlets serve the first registered (one household
 * per installation) and answer 503 while there is none.
 */
@Component(service = HouseholdRegistry.class)
@NonNullByDefault
public class HouseholdRegistry {

    private record Entry(Household household, WebSecurity security) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<@Nullable Household>> watchers = new CopyOnWriteArrayList<>();

    /** Registers a household without a token and with only the server's own origin allowed. */
    public void register(Household household) {
        register(household, WebSecurity.OPEN);
    }

    public void register(Household household, WebSecurity security) {
        entries.add(new Entry(household, security));
        notifyWatchers();
    }

    /** Replaces the security settings of a registered household (e.g. after a configuration change). */
    public void setSecurity(Household household, WebSecurity security) {
        entries.replaceAll(e -> e.household() == household ? new Entry(household, security) : e);
    }

    public void unregister(Household household) {
        entries.removeIf(e -> e.household() == household);
        notifyWatchers();
    }

    /** The household being served, or null when none is registered. */
    public @Nullable Household current() {
        List<Entry> all = entries;
        return all.isEmpty() ? null : all.get(0).household();
    }

    /** The security settings of the household being served ({@link WebSecurity#OPEN} when there is none). */
    public WebSecurity security() {
        List<Entry> all = entries;
        return all.isEmpty() ? WebSecurity.OPEN : all.get(0).security();
    }

    /** Told (with the new current household or null) whenever registration changes. */
    public void watch(Consumer<@Nullable Household> watcher) {
        watchers.add(watcher);
        watcher.accept(current());
    }

    public void unwatch(Consumer<@Nullable Household> watcher) {
        watchers.remove(watcher);
    }

    private void notifyWatchers() {
        Household h = current();
        for (Consumer<@Nullable Household> w : watchers) {
            w.accept(h);
        }
    }
}
