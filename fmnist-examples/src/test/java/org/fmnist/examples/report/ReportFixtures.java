package org.fmnist.examples.report;

import java.util.ArrayList;
import java.util.List;

/** Small, hand-made results for the report tests. */
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

    /** A variant whose training accuracy climbs to {@code trainEnd} while validation stays near {@code validation}. */
    static VariantResult variant(String id, int epochs, double trainEnd, double validation) {
        List<EpochMetrics> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double t = 0.7 + (trainEnd - 0.7) * e / epochs;
            double v = validation - 0.01 * Math.abs(e - epochs / 2.0) / epochs;
            list.add(new EpochMetrics(e, 1 - t, t, 1.1 - v, v, 10, 12.0 * e, 500));
        }
        return new VariantResult(id, "changes " + id, "", 12345, list, epochs, false,
                TestEvaluation.fromConfusion(confusion(90, 10)));
    }
}
