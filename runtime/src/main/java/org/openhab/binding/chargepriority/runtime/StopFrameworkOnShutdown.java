package org.openhab.binding.chargepriority.runtime;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Stops the OSGi framework when the JVM is asked to shut down (Ctrl+C, SIGTERM), so every bundle
 * stops in order: components deactivate, the history store closes, the log is flushed.
 * <p>
 * The bnd launcher of the executable jar registers no such hook: without it a SIGTERM ends the JVM
 * with every component still active.
 */
@Component(immediate = true)
public final class StopFrameworkOnShutdown {

    /** Upper bound for an orderly stop; the JVM exits after it regardless. */
    static final long STOP_TIMEOUT_MILLIS = 20_000;

    private final Thread hook;

    @Activate
    public StopFrameworkOnShutdown(BundleContext context) {
        Framework framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stop(framework), "chargepriority-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (stopped while starting): nothing left to hook.
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this deactivation is the hook at work
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException e) {
            System.err.println("Could not stop the OSGi framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
