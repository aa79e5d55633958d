package org.fmnist.data.io;

import java.io.PrintStream;

/**
 * One line of a terminal redrawn in place: the project's progress displays (the dataset download, each training
 * epoch) draw their bar through it, and clear it before a line that stays.
 */
public final class TerminalLine {

    private final PrintStream out;
    /** The length of the line on screen, which a shorter redraw or a clear overwrites with spaces. */
    private int drawn;

    /**
     * @param out a stream attached to a terminal that understands carriage returns, usually {@code System.err}
     */
    public TerminalLine(PrintStream out) {
        this.out = out;
    }

    /**
     * Replaces the line on screen with {@code line}.
     *
     * @param line the text, without line breaks
     */
    public void draw(String line) {
        StringBuilder text = new StringBuilder("\r").append(line);
        if (line.length() < drawn) {
            text.append(" ".repeat(drawn - line.length()));
        }
        drawn = line.length();
        out.print(text);
        out.flush();
    }

    /** Blanks the line and leaves the cursor at its start, so that the next line printed takes its place. */
    public void clear() {
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    /**
     * A bar of {@code width} characters, {@code [=====>    ]} without the brackets, filled to {@code fraction}.
     *
     * @param fraction how much is done, clamped to [0, 1]
     * @param width    characters inside the brackets
     * @return the bar
     */
    public static String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled == width ? "=" : ">") : "")
                + " ".repeat(width - filled);
    }
}
