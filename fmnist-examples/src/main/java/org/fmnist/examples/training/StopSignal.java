package org.fmnist.examples.training;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request to stop, raised by Ctrl-C (SIGINT) or by code. Training checks it between batches and
 * leaves the checkpoint of the last completed epoch; a second Ctrl-C quits at once, which is safe
 * because every file is written atomically.
 */
public final class StopSignal {

    /** The exit status of a run stopped by Ctrl-C, as shells report a SIGINT death (128 + 2). */
    public static final int EXIT_INTERRUPTED = 130;

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String firstPressMessage = "stopping after the current batch (Ctrl-C again to quit now)";

    /** A signal that only code raises (tests, embedding programs). */
    public StopSignal() {
    }

    /**
     * A signal raised by Ctrl-C: the first press requests a stop and says so on {@code err}; the
     * second ends the JVM at once with status {@value #EXIT_INTERRUPTED}.
     *
     * @param err where to say what happens
     * @return the signal
     */
    public static StopSignal onInterrupt(PrintStream err) {
        StopSignal signal = new StopSignal();
        Runnable onPress = () -> {
            if (signal.request() == 1) {
                err.println();
                err.println(signal.firstPressMessage);
            } else {
                err.println();
                err.println("quitting now; the last completed epoch's checkpoint is intact");
                Runtime.getRuntime().halt(EXIT_INTERRUPTED);
            }
        };
        try {
            // Handling SIGINT directly keeps the JVM running while the training loop winds down;
            // a shutdown hook would race the loop against the JVM's exit.
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> onPress.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            Runtime.getRuntime().addShutdownHook(new Thread(signal::request, "stop-signal"));
        }
        return signal;
    }

    /**
     * Sets what the first Ctrl-C says, for the phase the program is in (training, serving...).
     *
     * @param message one line
     */
    public void setFirstPressMessage(String message) {
        this.firstPressMessage = message;
    }

    /**
     * Requests a stop.
     *
     * @return how many stops have now been requested, from 1
     */
    public int request() {
        int n = requests.incrementAndGet();
        requested.countDown();
        return n;
    }

    /** Whether a stop was requested. */
    public boolean isRequested() {
        return requests.get() > 0;
    }

    /**
     * Waits until a stop is requested.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void await() throws InterruptedException {
        requested.await();
    }
}
