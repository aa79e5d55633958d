package org.fmnist.examples.report;

import org.fmnist.data.FashionMnistClass;
import org.nd4j.evaluation.classification.Evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's scores on the test split: accuracy, per-class precision/recall/F1 and the confusion matrix.
 *
 * @param accuracy  fraction of test images classified correctly, in [0, 1]
 * @param classes   one entry per class, in label order
 * @param confusion counts, {@code confusion[actual][predicted]}, 10 x 10
 */
public record TestEvaluation(double accuracy, List<ClassScores> classes, long[][] confusion) {

    /** Validates shapes and copies the arrays. */
    public TestEvaluation {
        confusion = checkedCopy(confusion);
        classes = List.copyOf(classes);
        if (classes.size() != FashionMnistClass.COUNT) {
            throw new IllegalArgumentException("classes must have " + FashionMnistClass.COUNT + " entries, had " + classes.size());
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], was " + accuracy);
        }
    }

    /**
     * Derives every score from a confusion matrix, with DL4J's {@link Evaluation} (precision, recall and F1 per
     * class, 0 where a class was never predicted or never present, as DL4J scores them).
     *
     * @param confusion counts, {@code confusion[actual][predicted]}, 10 x 10, not all zero
     * @return the evaluation
     */
    public static TestEvaluation fromConfusion(long[][] confusion) {
        confusion = checkedCopy(confusion);
        int n = FashionMnistClass.COUNT;
        Evaluation evaluation = new Evaluation(n);
        long total = 0;
        long[] actual = new long[n];
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                long count = confusion[a][p];
                if (count < 0) {
                    throw new IllegalArgumentException("confusion counts must be at least 0, was " + count
                            + " at [" + a + "][" + p + "]");
                }
                for (long i = 0; i < count; i++) {
                    evaluation.eval(p, a);
                }
                total += count;
                actual[a] += count;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("confusion must count at least one image, counted 0");
        }
        List<ClassScores> classes = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            classes.add(new ClassScores(FashionMnistClass.of(c), evaluation.precision(c), evaluation.recall(c),
                    evaluation.f1(c), actual[c]));
        }
        return new TestEvaluation(evaluation.accuracy(), classes, confusion);
    }

    private static long[][] checkedCopy(long[][] confusion) {
        int n = FashionMnistClass.COUNT;
        if (confusion == null || confusion.length != n) {
            throw new IllegalArgumentException("confusion must have " + n + " rows, had "
                    + (confusion == null ? "none" : confusion.length));
        }
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
            if (confusion[i] == null || confusion[i].length != n) {
                throw new IllegalArgumentException("confusion row " + i + " must have " + n + " columns, had "
                        + (confusion[i] == null ? "none" : confusion[i].length));
            }
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Number of test images evaluated. */
    public long total() {
        long total = 0;
        for (long[] row : confusion) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    /** A copy of the confusion matrix, {@code [actual][predicted]}. */
    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Equal when every score and count is equal (the matrix compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TestEvaluation other
                && Double.compare(accuracy, other.accuracy) == 0
                && classes.equals(other.classes)
                && Arrays.deepEquals(confusion, other.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(accuracy) + classes.hashCode()) + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "TestEvaluation[accuracy=" + accuracy + ", classes=" + classes + ", confusion="
                + Arrays.deepToString(confusion) + "]";
    }

    /** The per-class table and the confusion matrix as Markdown tables. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Test accuracy: **%.2f%%** on %d images%n%n", 100 * accuracy, total()));
        md.append("| class | precision | recall | F1 | images |\n|---|---:|---:|---:|---:|\n");
        for (ClassScores c : classes) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n",
                    c.label().displayName(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        md.append("\nConfusion matrix (rows: actual class, columns: predicted class)\n\n| actual \\ predicted |");
        for (FashionMnistClass c : FashionMnistClass.values()) {
            md.append(' ').append(c.displayName()).append(" |");
        }
        md.append("\n|---|");
        md.append("---:|".repeat(FashionMnistClass.COUNT)).append('\n');
        for (int a = 0; a < confusion.length; a++) {
            md.append("| ").append(FashionMnistClass.of(a).displayName()).append(" |");
            for (long count : confusion[a]) {
                md.append(' ').append(count).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The per-class table and the confusion matrix as fixed-width text for a terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "test accuracy  %.2f%%  (%d images)%n%n", 100 * accuracy, total()));
        text.append(String.format(Locale.ROOT, "%-12s %9s %7s %6s %7s%n", "class", "precision", "recall", "F1", "images"));
        for (ClassScores c : classes) {
            text.append(String.format(Locale.ROOT, "%-12s %9.3f %7.3f %6.3f %7d%n",
                    c.label().displayName(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        text.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n%-12s", ""));
        for (int p = 0; p < FashionMnistClass.COUNT; p++) {
            text.append(String.format(Locale.ROOT, " %5s", abbreviation(p)));
        }
        text.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            text.append(String.format(Locale.ROOT, "%-12s", FashionMnistClass.of(a).displayName()));
            for (long count : confusion[a]) {
                text.append(String.format(Locale.ROOT, " %5d", count));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String abbreviation(int label) {
        String name = FashionMnistClass.of(label).displayName();
        return name.length() <= 5 ? name : name.substring(0, 5);
    }
}
