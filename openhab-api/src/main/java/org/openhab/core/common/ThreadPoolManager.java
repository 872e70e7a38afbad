package org.openhab.core.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code ThreadPoolManager}: one shared scheduled pool per name, daemon threads, as
 * openHAB's default size of 5. Like openHAB, the pools live in the protected static {@code pools} map, and a pool
 * already in that map is the one handed out.
 */
@NonNullByDefault
public class ThreadPoolManager {

    private static final int POOL_SIZE = 5;

    protected static Map<String, ExecutorService> pools = new ConcurrentHashMap<>();

    public ThreadPoolManager() {
    }

    public static ScheduledExecutorService getScheduledPool(String poolName) {
        ExecutorService pool = pools.computeIfAbsent(poolName, name -> {
            AtomicInteger n = new AtomicInteger();
            return new ScheduledThreadPoolExecutor(POOL_SIZE, r -> {
                Thread t = new Thread(r, "OH-" + name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
        if (pool instanceof ScheduledExecutorService service) {
            return service;
        }
        throw new IllegalArgumentException("Pool " + poolName + " is not a scheduled pool!");
    }
}
