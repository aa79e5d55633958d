package org.fmnist.data;

import java.io.PrintStream;
import java.util.Locale;
import org.fmnist.data.io.TerminalLine;

/** Receives the progress of a download. */
public interface DownloadProgress {

    /**
     * Called as bytes arrive.
     *
     * @param fileName the file being downloaded
     * @param bytes bytes received so far
     * @param totalBytes the full size in bytes, or -1 if the server did not say
     */
    void update(String fileName, long bytes, long totalBytes);

    /** Called once a file is complete and verified. */
    void done(String fileName);

    /** Reports nothing. */
    DownloadProgress SILENT = new DownloadProgress() {
        @Override
        public void update(String fileName, long bytes, long totalBytes) {
        }

        @Override
        public void done(String fileName) {
        }
    };

    /**
     * A one-line progress bar redrawn in place on a terminal stream, at most every 1% or 100 ms.
     *
     * @param out usually {@code System.err}
     */
    static DownloadProgress bar(PrintStream out) {
        return new DownloadProgress() {
            private final TerminalLine line = new TerminalLine(out);
            private long lastDraw;
            private int lastPercent = -1;

            @Override
            public void update(String fileName, long bytes, long totalBytes) {
                long now = System.nanoTime();
                int percent = totalBytes > 0 ? (int) (100 * bytes / totalBytes) : -1;
                if (percent == lastPercent && now - lastDraw < 100_000_000L) {
                    return;
                }
                lastDraw = now;
                lastPercent = percent;
                line.draw(String.format(Locale.ROOT, "%-26s [%s] %s %6.1f MB", fileName,
                        TerminalLine.bar(percent / 100.0, 30), percent < 0 ? "  ?%" : String.format("%3d%%", percent),
                        bytes / 1e6));
            }

            @Override
            public void done(String fileName) {
                line.clear();
                out.println(fileName + " verified");
                lastPercent = -1;
            }
        };
    }
}
