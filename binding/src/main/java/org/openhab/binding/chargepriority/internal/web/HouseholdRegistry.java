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
 * built; the servlets serve the first registered (one household per installation) and answer 503 while there is none.
 */
@Component(service = HouseholdRegistry.class)
@NonNullByDefault
public class HouseholdRegistry {

    private final List<Household> households = new CopyOnWriteArrayList<>();
    private final List<Consumer<@Nullable Household>> watchers = new CopyOnWriteArrayList<>();

    public void register(Household household) {
        households.add(household);
        notifyWatchers();
    }

    public void unregister(Household household) {
        households.remove(household);
        notifyWatchers();
    }

    /** The household being served, or null when none is registered. */
    public @Nullable Household current() {
        List<Household> all = households;
        return all.isEmpty() ? null : all.get(0);
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
