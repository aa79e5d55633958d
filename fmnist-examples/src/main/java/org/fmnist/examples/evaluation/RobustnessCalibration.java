package org.fmnist.examples.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.augment.Perturbation;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.report.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A model's accuracy on test images under each of a suite of fixed perturbations, and its calibration on the
 * clean images: what {@value #FILE} holds in a run's directory.
 *
 * @param images                how many test images were perturbed: the first of those evaluated
 * @param cleanAccuracy         accuracy on those images unperturbed, in [0, 1]
 * @param perturbedAccuracy     accuracy under each perturbation, by {@link Perturbation#name()}, in the suite's
 *                              order
 * @param meanPerturbedAccuracy the mean of {@code perturbedAccuracy} over the suite
 * @param calibration           calibration on all the evaluated test images, unperturbed
 * @param seconds               wall-clock seconds the evaluation took
 */
public record RobustnessCalibration(int images, double cleanAccuracy, Map<String, Double> perturbedAccuracy,
                                    double meanPerturbedAccuracy, Calibration calibration, double seconds) {

    /** File name in a run's directory. */
    public static final String FILE = "robustness-calibration.json";

    /** Copies the map, keeping its order. */
    public RobustnessCalibration {
        perturbedAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(perturbedAccuracy));
        if (perturbedAccuracy.isEmpty()) {
            throw new IllegalArgumentException("perturbedAccuracy must hold at least one perturbation, held none");
        }
        Objects.requireNonNull(calibration, "calibration must not be null");
    }

    /**
     * Evaluates a network in inference mode on all images of an iterator; see
     * {@link #evaluate(MultiLayerNetwork, DataSetIterator, List, int)}.
     *
     * @param net   the network
     * @param test  the test images with one-hot labels, from their start
     * @param suite the perturbations
     * @return the figures
     */
    public static RobustnessCalibration evaluate(MultiLayerNetwork net, DataSetIterator test,
            List<Perturbation> suite) {
        return evaluate(net, test, suite, 0);
    }

    /**
     * Evaluates a network in inference mode: calibration on every image of the iterator, and accuracy on its first
     * {@code perturbedImages} images as they are and under each perturbation. Image {@code i} of the iterator
     * (counted from its current position) gets {@code forImage(i)} of a perturbation, so that every model
     * evaluated on the same iterator sees the same perturbed pixels.
     *
     * @param net             the network; its output layer gives class probabilities
     * @param test            the test images with one-hot labels, from their start
     * @param suite           the perturbations, at least one, distinct names; {@link Perturbation#standard()} for
     *                        the study
     * @param perturbedImages how many images to perturb, or 0 for all
     * @return the figures
     */
    public static RobustnessCalibration evaluate(MultiLayerNetwork net, DataSetIterator test,
            List<Perturbation> suite, int perturbedImages) {
        if (suite.isEmpty()) {
            throw new IllegalArgumentException("suite must hold at least one perturbation, held none");
        }
        if (perturbedImages < 0) {
            throw new IllegalArgumentException("perturbedImages must be at least 0, was " + perturbedImages);
        }
        long start = System.nanoTime();
        long[] correct = new long[suite.size()];
        long cleanCorrect = 0;
        int perturbed = 0;
        List<double[]> probabilities = new ArrayList<>();
        IntStream.Builder labels = IntStream.builder();
        int index = 0;
        while (test.hasNext()) {
            DataSet batch = test.next();
            INDArray features = batch.getFeatures();
            int[] actual = Nd4j.argMax(batch.getLabels(), 1).toIntVector();
            INDArray clean = net.output(features, false);
            double[][] rows = clean.castTo(DataType.DOUBLE).toDoubleMatrix();
            int[] predicted = Nd4j.argMax(clean, 1).toIntVector();
            int cut = perturbedImages == 0 ? actual.length
                    : Math.max(0, Math.min(actual.length, perturbedImages - index));
            for (int i = 0; i < actual.length; i++) {
                probabilities.add(rows[i]);
                labels.add(actual[i]);
                cleanCorrect += i < cut && predicted[i] == actual[i] ? 1 : 0;
            }
            if (cut > 0) {
                INDArray part = cut == actual.length ? features
                        : features.get(NDArrayIndex.interval(0, cut));
                for (int p = 0; p < suite.size(); p++) {
                    int[] predictedPerturbed = Nd4j.argMax(net.output(suite.get(p).apply(part, index), false), 1)
                            .toIntVector();
                    for (int i = 0; i < cut; i++) {
                        correct[p] += predictedPerturbed[i] == actual[i] ? 1 : 0;
                    }
                }
                perturbed += cut;
            }
            index += actual.length;
        }
        if (index == 0) {
            throw new IllegalArgumentException("test must hold at least one image, held none");
        }
        Map<String, Double> accuracy = new LinkedHashMap<>();
        double sum = 0;
        for (int p = 0; p < suite.size(); p++) {
            double a = (double) correct[p] / perturbed;
            if (accuracy.put(suite.get(p).name(), a) != null) {
                throw new IllegalArgumentException("suite must name each perturbation once, named '"
                        + suite.get(p).name() + "' twice");
            }
            sum += a;
        }
        Calibration calibration = Calibration.of(probabilities.toArray(double[][]::new), labels.build().toArray());
        return new RobustnessCalibration(perturbed, (double) cleanCorrect / perturbed, accuracy, sum / suite.size(),
                calibration, (System.nanoTime() - start) / 1e9);
    }

    /** The figures as fixed-width text for a terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "robustness: accuracy on the %,d test images under fixed perturbations%n",
                images));
        text.append(String.format(Locale.ROOT, "  %-16s %7.2f%%%n", "clean", 100 * cleanAccuracy));
        for (Map.Entry<String, Double> e : perturbedAccuracy.entrySet()) {
            text.append(String.format(Locale.ROOT, "  %-16s %7.2f%%  (%+.2f)%n", e.getKey(), 100 * e.getValue(),
                    100 * (e.getValue() - cleanAccuracy)));
        }
        text.append(String.format(Locale.ROOT, "  %-16s %7.2f%%  (%+.2f)%n", "mean of " + perturbedAccuracy.size(),
                100 * meanPerturbedAccuracy, 100 * (meanPerturbedAccuracy - cleanAccuracy)));
        text.append(String.format(Locale.ROOT, "calibration on the %,d clean test images (%d confidence bins)%n",
                calibration.images(), Calibration.BINS));
        text.append(String.format(Locale.ROOT, "  expected calibration error %.2f%%, negative log-likelihood %.4f, "
                + "Brier score %.4f%n", 100 * calibration.ece(), calibration.nll(), calibration.brier()));
        text.append(String.format(Locale.ROOT, "  %-11s %7s %10s %9s%n", "confidence", "images", "confidence",
                "accuracy"));
        for (ReliabilityBin bin : calibration.bins()) {
            if (!bin.isEmpty()) {
                text.append(String.format(Locale.ROOT, "  %.2f-%.2f %8d %9.2f%% %8.2f%%%n", bin.lower(), bin.upper(),
                        bin.count(), 100 * bin.meanConfidence(), 100 * bin.accuracy()));
            }
        }
        text.append(String.format(Locale.ROOT, "(evaluated in %.1f s)%n", seconds));
        return text.toString();
    }

    /**
     * Writes the figures as indented JSON, atomically.
     *
     * @param file the file, usually {@value #FILE} in a run's directory
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.mapper().writeValueAsString(this) + "\n");
    }

    /**
     * Reads figures written by {@link #write}.
     *
     * @param file the file
     * @return the figures
     * @throws IOException if it cannot be read or does not hold them
     */
    public static RobustnessCalibration read(Path file) throws IOException {
        return Json.mapper().readValue(Files.readString(file), RobustnessCalibration.class);
    }
}
