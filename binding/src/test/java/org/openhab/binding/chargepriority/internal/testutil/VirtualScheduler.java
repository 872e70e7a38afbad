package org.openhab.binding.chargepriority.internal.testutil;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-threaded scheduled executor on virtual time: nothing runs until the test calls {@link #advance} or
 * {@link #runDue}, which move the {@link MutableClock} and run every task that falls due, in order.
 */
public class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final MutableClock clock;
    private final AtomicLong seq = new AtomicLong();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            Comparator.<Task<?>, Instant> comparing(t -> t.due).thenComparingLong(t -> t.order));
    private boolean shutdown;

    public VirtualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final Instant due;
        final long order = seq.incrementAndGet();

        Task(Callable<V> callable, Instant due) {
            super(callable);
            this.due = due;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            synchronized (VirtualScheduler.this) {
                queue.remove(this);
            }
            return super.cancel(mayInterrupt);
        }
    }

    /** Runs everything due now (including tasks those tasks submit for now). */
    public void runDue() {
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(clock.instant())) {
                    return;
                }
                queue.poll();
            }
            next.run();
        }
    }

    /** Moves time forward, running each due task at its own time. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
            }
            if (next == null || next.due.isAfter(end)) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            runDue();
        }
        clock.set(end);
        runDue();
    }

    public synchronized int pending() {
        return queue.size();
    }

    public synchronized List<Duration> pendingDelays() {
        List<Duration> result = new ArrayList<>();
        for (Task<?> t : queue) {
            result.add(Duration.between(clock.instant(), t.due));
        }
        result.sort(null);
        return result;
    }

    private synchronized <V> Task<V> add(Callable<V> c, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> t = new Task<>(c, clock.instant().plusNanos(unit.toNanos(Math.max(0, delay))));
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the binding does not use fixed-rate scheduling");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException("the binding does not use fixed-delay scheduling");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> r = new ArrayList<>(queue);
        queue.clear();
        return r;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
