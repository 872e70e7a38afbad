package org.openhab.binding.chargepriority.internal.handler;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.openhab.core.common.ThreadPoolManager;

/**
 * Puts an executor of the test's own into openHAB's "thingHandler" pool, so a test can count the jobs a handler left
 * behind. openHAB's {@code ThreadPoolManager} hands out the pool it finds in its protected {@code pools} map (the real
 * one wrapped in an unstoppable facade, the stand-in as it is), so this works the same against the stand-in and
 * against the real openHAB 4.3 jars, without depending on the class either of them creates.
 */
@NonNullByDefault
final class CountedHandlerPool extends ThreadPoolManager {

    private CountedHandlerPool() {
    }

    /** Installs the executor; handlers constructed afterwards schedule on it. */
    static ScheduledThreadPoolExecutor install() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(5, r -> {
            Thread t = new Thread(r, "test-thingHandler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        pools.put("thingHandler", executor);
        return executor;
    }
}
