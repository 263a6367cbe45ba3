package org.gantry.core.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ctrl-C or SIGTERM during a training: the JVM runs its shutdown hooks and then ends, whatever the
 * training was doing. This hook asks the training loop to stop at the end of its current step and
 * waits until the loop has written a checkpoint and {@code summary.json}, then prints what the loop
 * left to say (where the checkpoint is, how to resume). A step that does not end within
 * {@link #WAIT_SECONDS} (a long evaluation) is abandoned; the last periodic checkpoint stays.
 */
final class Interruption implements AutoCloseable {
    static final long WAIT_SECONDS = 120;
    private final CountDownLatch saved = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;
    private volatile String message;

    Interruption(Supplier<String> timedOut) {
        hook = new Thread(() -> {
            requested = true;
            try {
                if (!saved.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println(timedOut.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (message != null) {
                System.err.println(message);
            }
        }, "gantry-interruption");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the process was asked to stop; the loop checks this after each step. */
    boolean requested() {
        return requested;
    }

    /** Called by the loop once everything is written: lets the process end, after printing {@code message}. */
    void saved(String message) {
        this.message = message;
        saved.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running and must be let go.
        }
        saved.countDown();
    }
}
