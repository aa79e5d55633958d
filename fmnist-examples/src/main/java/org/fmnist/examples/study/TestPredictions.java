package org.fmnist.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's test predictions as {@code TrainingRun} writes them ({@code test-predictions.csv}: {@code index,label,predicted}).
 *
 * @param labels    the true class of each test image, in the test split's order
 * @param predicted the delivered model's class for each
 */
record TestPredictions(int[] labels, int[] predicted) {

    static TestPredictions read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals("index,label,predicted")) {
            throw new IOException(csv + " is not a test-predictions file (header index,label,predicted)");
        }
        int n = lines.size() - 1;
        int[] labels = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            if (cells.length != 3 || Integer.parseInt(cells[0]) != i) {
                throw new IOException(csv + ": line " + (i + 2) + " is not 'index,label,predicted' for image " + i);
            }
            labels[i] = Integer.parseInt(cells[1]);
            predicted[i] = Integer.parseInt(cells[2]);
        }
        return new TestPredictions(labels, predicted);
    }

    /** For each image, whether it was classified correctly. */
    boolean[] correct() {
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            correct[i] = labels[i] == predicted[i];
        }
        return correct;
    }
}
