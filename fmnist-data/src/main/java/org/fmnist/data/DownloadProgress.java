package org.fmnist.data;

import java.io.PrintStream;

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
                int width = 30;
                int filled = percent < 0 ? 0 : percent * width / 100;
                out.printf("\r%-26s [%s%s] %s %6.1f MB", fileName, "=".repeat(filled), " ".repeat(width - filled),
                        percent < 0 ? "  ?%" : String.format("%3d%%", percent), bytes / 1e6);
                out.flush();
            }

            @Override
            public void done(String fileName) {
                out.printf("\r%-26s verified%s%n", fileName, " ".repeat(40));
                lastPercent = -1;
            }
        };
    }
}
