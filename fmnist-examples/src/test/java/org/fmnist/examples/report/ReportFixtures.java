package org.fmnist.examples.report;

/** Small, hand-made figures for the report tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** A confusion matrix with {@code correct} on the diagonal and {@code wrong} images of each class predicted as the next class. */
    static long[][] confusion(long correct, long wrong) {
        long[][] m = new long[10][10];
        for (int c = 0; c < 10; c++) {
            m[c][c] = correct;
            m[c][(c + 1) % 10] = wrong;
        }
        return m;
    }
}
