package org.fmnist.examples.training;

import org.fmnist.data.io.TerminalLine;
import org.fmnist.examples.report.EpochMetrics;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows training on the terminal (standard error, so that standard output stays clean for results):
 * an updating bar during each epoch with running loss, accuracy and images per second, then one
 * summary line per epoch. When standard error is not a terminal only the summary lines are printed.
 */
public final class Progress {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean interactive;
    private String label = "";
    private int epoch;
    private int epochs;
    private int images;
    private long lastDraw;
    private final TerminalLine terminal;

    /**
     * @param err         where to write
     * @param interactive whether {@code err} is a terminal that understands carriage returns
     */
    public Progress(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
        this.terminal = new TerminalLine(err);
    }

    /** A progress display on {@link System#err}, with the bar if the process is attached to a terminal. */
    public static Progress standardError() {
        return new Progress(System.err, System.console() != null);
    }

    /**
     * Progress on the same stream with summary lines only, no bar: for one of several runs training at the same
     * time, whose bars would overwrite each other.
     */
    public Progress withoutBar() {
        return new Progress(err, false);
    }

    /** Progress that prints nothing (tests, libraries). */
    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false);
    }

    /**
     * Starts an epoch's bar.
     *
     * @param label  what is training, such as the variant id
     * @param epoch  the epoch number, from 1
     * @param epochs the epoch budget
     * @param images how many images the epoch trains on
     */
    public void startEpoch(String label, int epoch, int epochs, int images) {
        this.label = label;
        this.epoch = epoch;
        this.epochs = epochs;
        this.images = images;
        this.lastDraw = 0;
    }

    /**
     * Updates the bar after a batch; redraws at most five times a second.
     *
     * @param done            images trained on so far in this epoch
     * @param loss            running mean training loss of this epoch
     * @param accuracy        running training accuracy of this epoch in [0, 1], or NaN if unknown
     * @param imagesPerSecond running throughput
     */
    public void batch(int done, double loss, double accuracy, double imagesPerSecond) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (done < images && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = images == 0 ? 1 : Math.min(1, (double) done / images);
        String bar = TerminalLine.bar(fraction, BAR_WIDTH);
        double eta = imagesPerSecond > 0 ? (images - done) / imagesPerSecond : 0;
        terminal.draw(String.format(Locale.ROOT, "%s epoch %d/%d [%s] %3.0f%%  loss %.4f  acc %s  %.0f img/s  eta %s",
                label, epoch, epochs, bar, 100 * fraction, loss, percent(accuracy), imagesPerSecond, clock(eta)));
    }

    /**
     * Ends an epoch with its summary line.
     *
     * @param m    the epoch's metrics
     * @param note extra words for the end of the line (such as "best so far"), or empty
     */
    public void endEpoch(EpochMetrics m, String note) {
        terminal.clear();
        err.println(String.format(Locale.ROOT,
                "%s epoch %d/%d  train loss %.4f acc %s | validation loss %.4f acc %s | %.0f img/s, %s%s",
                label, m.epoch(), epochs, m.trainLoss(), percent(m.trainAccuracy()), m.validationLoss(),
                percent(m.validationAccuracy()), m.imagesPerSecond(), clock(m.trainSeconds()),
                note.isEmpty() ? "" : "  " + note));
    }

    /**
     * Prints a line, clearing the bar first.
     *
     * @param line the text
     */
    public void message(String line) {
        terminal.clear();
        err.println(line);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "  -  " : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
