package org.openhab.binding.chargepriority.itest.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.openhab.core.items.Item;
import org.openhab.core.persistence.FilterCriteria;
import org.openhab.core.persistence.HistoricItem;
import org.openhab.core.persistence.ModifiablePersistenceService;
import org.openhab.core.persistence.PersistenceItemInfo;
import org.openhab.core.persistence.PersistenceService;
import org.openhab.core.persistence.QueryablePersistenceService;
import org.openhab.core.persistence.strategy.PersistenceStrategy;
import org.openhab.core.types.State;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A persistence service for the integration test only: it keeps every item's values in memory, future ones too, as
 * InfluxDB or JDBC would (one value per item and instant: storing at an instant again overwrites it). openHAB core
 * ships no service that stores the future, so the test compiles this class at run time against the real openHAB
 * 4.3.11 jars and deploys it as a bundle of its own; the {@link BundleActivator} registers it under the three
 * persistence interfaces (no Declarative Services needed).
 */
public class ForecastStore implements ModifiablePersistenceService, BundleActivator {

    /** The service id: the name of the {@code .persist} file and the REST API's {@code serviceId}. */
    public static final String ID = "itest";

    /** Item name (or alias) -> instant -> state. Guarded by itself. */
    private final Map<String, TreeMap<Instant, State>> values = new TreeMap<>();
    private ServiceRegistration<?> registration;

    // ------------------------------------------------------------------ BundleActivator

    @Override
    public void start(BundleContext context) {
        registration = context.registerService(new String[] { ModifiablePersistenceService.class.getName(),
                QueryablePersistenceService.class.getName(), PersistenceService.class.getName() }, this, null);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    // ------------------------------------------------------------------ PersistenceService

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getLabel(Locale locale) {
        return "Integration test forecast store (in memory)";
    }

    @Override
    public void store(Item item) {
        store(item, null);
    }

    @Override
    public void store(Item item, String alias) {
        put(alias != null ? alias : item.getName(), Instant.now(), item.getState());
    }

    @Override
    public List<PersistenceStrategy> getDefaultStrategies() {
        return List.of();
    }

    // ------------------------------------------------------------------ ModifiablePersistenceService

    @Override
    public void store(Item item, ZonedDateTime date, State state) {
        store(item, date, state, null);
    }

    @Override
    public void store(Item item, ZonedDateTime date, State state, String alias) {
        put(alias != null ? alias : item.getName(), date.toInstant(), state);
    }

    @Override
    public boolean remove(FilterCriteria filter) throws IllegalArgumentException {
        if (filter.getItemName() == null) {
            throw new IllegalArgumentException("remove needs an item name");
        }
        synchronized (values) {
            TreeMap<Instant, State> series = values.get(filter.getItemName());
            if (series == null) {
                return false;
            }
            NavigableMap<Instant, State> range = range(series, filter);
            boolean removed = !range.isEmpty();
            range.clear();
            return removed;
        }
    }

    // ------------------------------------------------------------------ QueryablePersistenceService

    @Override
    public Iterable<HistoricItem> query(FilterCriteria filter) {
        List<HistoricItem> result = new ArrayList<>();
        synchronized (values) {
            for (Map.Entry<String, TreeMap<Instant, State>> item : values.entrySet()) {
                if (filter.getItemName() != null && !filter.getItemName().equals(item.getKey())) {
                    continue;
                }
                for (Map.Entry<Instant, State> e : range(item.getValue(), filter).entrySet()) {
                    if (filter.getState() == null || matches(e.getValue(), filter)) {
                        result.add(new Historic(item.getKey(), e.getKey(), e.getValue()));
                    }
                }
            }
        }
        result.sort((a, b) -> a.getInstant().compareTo(b.getInstant()));
        if (filter.getOrdering() == FilterCriteria.Ordering.DESCENDING) {
            Collections.reverse(result);
        }
        long from = (long) filter.getPageNumber() * filter.getPageSize();
        if (from >= result.size()) {
            return List.of();
        }
        long to = Math.min(result.size(), from + filter.getPageSize());
        return List.copyOf(result.subList((int) from, (int) to));
    }

    @Override
    public Set<PersistenceItemInfo> getItemInfo() {
        Set<PersistenceItemInfo> infos = new HashSet<>();
        synchronized (values) {
            for (Map.Entry<String, TreeMap<Instant, State>> item : values.entrySet()) {
                if (!item.getValue().isEmpty()) {
                    infos.add(new Info(item.getKey(), item.getValue().size(),
                            Date.from(item.getValue().firstKey()), Date.from(item.getValue().lastKey())));
                }
            }
        }
        return infos;
    }

    // ------------------------------------------------------------------ helpers

    private void put(String name, Instant when, State state) {
        synchronized (values) {
            values.computeIfAbsent(name, n -> new TreeMap<>()).put(when, state);
        }
    }

    /** The part of one item's values between the filter's begin and end date (both included; either may be open). */
    private static NavigableMap<Instant, State> range(TreeMap<Instant, State> series, FilterCriteria filter) {
        NavigableMap<Instant, State> range = series;
        if (filter.getBeginDate() != null) {
            range = range.tailMap(filter.getBeginDate().toInstant(), true);
        }
        if (filter.getEndDate() != null) {
            range = range.headMap(filter.getEndDate().toInstant(), true);
        }
        return range;
    }

    /** The filter's operator against its state, for states that compare (numbers); else equality only. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static boolean matches(State value, FilterCriteria filter) {
        State wanted = filter.getState();
        int c;
        if (value instanceof Comparable && value.getClass().isInstance(wanted)) {
            try {
                c = ((Comparable) value).compareTo(wanted);
            } catch (RuntimeException e) {
                return false;
            }
        } else {
            boolean equal = value.equals(wanted);
            switch (filter.getOperator()) {
                case EQ:
                    return equal;
                case NEQ:
                    return !equal;
                default:
                    return false;
            }
        }
        switch (filter.getOperator()) {
            case EQ:
                return c == 0;
            case NEQ:
                return c != 0;
            case GT:
                return c > 0;
            case LT:
                return c < 0;
            case GTE:
                return c >= 0;
            case LTE:
                return c <= 0;
            default:
                return false;
        }
    }

    private static final class Historic implements HistoricItem {
        private final String name;
        private final Instant instant;
        private final State state;

        Historic(String name, Instant instant, State state) {
            this.name = name;
            this.instant = instant;
            this.state = state;
        }

        @Override
        public ZonedDateTime getTimestamp() {
            return instant.atZone(ZoneId.systemDefault());
        }

        @Override
        public Instant getInstant() {
            return instant;
        }

        @Override
        public State getState() {
            return state;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name + "@" + instant + "=" + state;
        }
    }

    private static final class Info implements PersistenceItemInfo {
        private final String name;
        private final int count;
        private final Date earliest;
        private final Date latest;

        Info(String name, int count, Date earliest, Date latest) {
            this.name = name;
            this.count = count;
            this.earliest = earliest;
            this.latest = latest;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Integer getCount() {
            return count;
        }

        @Override
        public Date getEarliest() {
            return earliest;
        }

        @Override
        public Date getLatest() {
            return latest;
        }
    }
}
