package org.fmnist.examples.training;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request to stop, raised by Ctrl-C (SIGINT) or by code. Training checks it between batches and
 * leaves the checkpoint of the last completed epoch; a second Ctrl-C quits at once. That is safe for the
 * project's own files, each written atomically; a file that is written in place, such as the dashboard's
 * statistics store (MapDB), is closed first by an action registered with {@link #beforeQuit}.
 */
public final class StopSignal {

    /** The exit status of a run stopped by Ctrl-C, as shells report a SIGINT death (128 + 2). */
    public static final int EXIT_INTERRUPTED = 130;

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Runnable> beforeQuit = new CopyOnWriteArrayList<>();
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
                signal.runBeforeQuit();
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
     * Adds an action that a second Ctrl-C runs before it ends the JVM: closing a file that is not written
     * atomically. Actions run in the order added; one that fails does not keep the others from running.
     *
     * @param action the action, quick and safe to run while other threads still work
     */
    public void beforeQuit(Runnable action) {
        beforeQuit.add(Objects.requireNonNull(action, "action must not be null"));
    }

    /** Runs the {@link #beforeQuit} actions; what one of them throws is ignored, since the JVM ends next. */
    public void runBeforeQuit() {
        for (Runnable action : beforeQuit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // Quitting anyway: the next action still gets its turn.
            }
        }
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
