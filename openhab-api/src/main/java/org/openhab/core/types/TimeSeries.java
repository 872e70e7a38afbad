package org.openhab.core.types;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in for openHAB 4.3's {@code TimeSeries} (since 4.1): states with their times, for forecasts that persistence
 * stores ahead of time. Same members and behaviour: entries kept in time order, one per instant.
 */
@NonNullByDefault
public class TimeSeries {

    private final TreeMap<Instant, Entry> states = new TreeMap<>();
    private final Policy policy;

    public TimeSeries(Policy policy) {
        this.policy = policy;
    }

    public Policy getPolicy() {
        return policy;
    }

    public Instant getBegin() {
        return states.isEmpty() ? Instant.MAX : states.firstKey();
    }

    public Instant getEnd() {
        return states.isEmpty() ? Instant.MIN : states.lastKey();
    }

    public int size() {
        return states.size();
    }

    public void add(Instant timestamp, State state) {
        states.putIfAbsent(timestamp, new Entry(timestamp, state));
    }

    public Stream<Entry> getStates() {
        return new ArrayList<>(states.values()).stream();
    }

    public record Entry(Instant timestamp, State state) {
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        TimeSeries that = (TimeSeries) o;
        return List.copyOf(states.values()).equals(List.copyOf(that.states.values())) && policy == that.policy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(List.copyOf(states.values()), policy);
    }

    public enum Policy {
        ADD,
        REPLACE
    }
}
