package org.openhab.core.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code ThreadPoolManager}: one shared scheduled pool per name, daemon threads, as
 * openHAB's default size of 5.
 */
@NonNullByDefault
public class ThreadPoolManager {

    private static final int POOL_SIZE = 5;
    private static final Map<String, ScheduledExecutorService> SCHEDULED_POOLS = new ConcurrentHashMap<>();

    public ThreadPoolManager() {
    }

    public static ScheduledExecutorService getScheduledPool(String poolName) {
        return SCHEDULED_POOLS.computeIfAbsent(poolName, name -> {
            AtomicInteger n = new AtomicInteger();
            return new ScheduledThreadPoolExecutor(POOL_SIZE, r -> {
                Thread t = new Thread(r, "OH-" + name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
    }
}
