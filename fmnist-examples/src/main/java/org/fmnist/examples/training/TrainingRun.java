package org.fmnist.examples.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.fmnist.augment.AugmentingIterator;
import org.fmnist.augment.BatchAugmenter;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.report.EpochMetrics;
import org.fmnist.examples.report.Json;
import org.fmnist.examples.report.MetricsFiles;
import org.fmnist.examples.report.TestEvaluation;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.models.EarlyStoppingRule;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.SavedModel;
import org.fmnist.models.TrainingSpec;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Trains one model on Fashion-MNIST epoch by epoch, the way the study needs it: after every epoch it
 * measures training and validation loss and accuracy in inference mode, rewrites the metrics files and
 * an atomic checkpoint, and keeps the best model by validation accuracy when the specification asks for
 * early stopping ({@link EarlyStoppingRule}, the rule DL4J's trainer gets from {@code EarlyStopping} too). At the
 * end it evaluates the delivered model on the test split.
 *
 * <p>Files in the output directory: {@value MetricsFiles#CSV}, {@value MetricsFiles#JSON},
 * {@value Checkpoint#FILE}, {@value #MODEL} (the delivered model with its specification),
 * {@value #EVALUATION_MD}, {@value #EVALUATION_JSON}, {@value #TEST_PREDICTIONS}, {@value #SETTINGS} and
 * {@value #RESULT}.
 *
 * <p>Randomness: one seed (the specification's) is split into independent streams for the order of
 * the training images, the augmentation and the training-accuracy sample; each epoch takes its own
 * stream, so a resumed run sees the same images in the same order as an uninterrupted one.
 */
public final class TrainingRun {

    /** File name of the delivered model (weights and specification, no updater state). */
    public static final String MODEL = "model.zip";
    /** File name of the test evaluation as Markdown. */
    public static final String EVALUATION_MD = "evaluation.md";
    /** File name of the test evaluation as JSON. */
    public static final String EVALUATION_JSON = "evaluation.json";
    /** File name of the run's result (metrics, test evaluation), written when it finishes. */
    public static final String RESULT = "result.json";
    /** File name of the run's {@link RunSettings}, written when it starts. */
    public static final String SETTINGS = "run.json";
    /**
     * File name of the delivered model's test predictions: a CSV with the header {@code index,label,predicted},
     * one row per test image in the test split's order, classes as {@code FashionMnistClass} ordinals.
     */
    public static final String TEST_PREDICTIONS = "test-predictions.csv";
    /** Training accuracy and loss are measured on this many trained images (or all, if fewer). */
    public static final int DEFAULT_TRAIN_SAMPLE = 2_000;

    private static final int EVAL_BATCH = 500;
    private static final int DATA_STREAM = 0;
    private static final int AUGMENT_STREAM = 1;
    private static final int SAMPLE_STREAM = 2;

    private final FashionMnist data;
    private final ModelSpec spec;
    private final Path out;
    private final String label;
    private final String description;
    private final int trainSubset;
    private final int trainSample;
    private final int validationSubset;
    private final int testSubset;
    private final boolean resume;
    private final Progress progress;
    private final StopSignal stop;
    private final List<TrainingListener> listeners;

    private TrainingRun(Builder b) {
        this.data = b.data;
        this.spec = b.spec;
        this.out = b.out;
        this.label = b.label == null ? b.spec.name() : b.label;
        this.description = b.description;
        this.trainSubset = b.trainSubset;
        this.trainSample = b.trainSample;
        this.validationSubset = b.validationSubset;
        this.testSubset = b.testSubset;
        this.resume = b.resume;
        this.progress = b.progress;
        this.stop = b.stop;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * Starts describing a run.
     *
     * @param data the dataset
     * @param spec what to train, including epochs, batch size, seed and augmentation
     * @param out  the run's output directory
     * @return a builder
     */
    public static Builder builder(FashionMnist data, ModelSpec spec, Path out) {
        return new Builder(data, spec, out);
    }

    /**
     * What a run ended with.
     *
     * @param result          the result, or null when the run was interrupted before it finished
     * @param completedEpochs epochs completed (and checkpointed)
     * @param directory       the run's output directory
     * @param resumedFinished whether a resumed run had already finished and only its result was read
     */
    public record Outcome(VariantResult result, int completedEpochs, Path directory, boolean resumedFinished) {

        /** Whether the run stopped on request before finishing. */
        public boolean interrupted() {
            return result == null;
        }
    }

    /**
     * Trains, evaluates and writes the run's files.
     *
     * @return the outcome; interrupted if the stop signal was raised
     * @throws IOException if the data or a file cannot be read or written, or the output directory
     *                     holds a run that this one must not overwrite (or, with resume, none)
     */
    public Outcome run() throws IOException {
        Files.createDirectories(out);
        Path checkpointFile = out.resolve(Checkpoint.FILE);
        Path resultFile = out.resolve(RESULT);

        Path settingsFile = out.resolve(SETTINGS);
        RunSettings settings = RunSettings.of(spec, trainSubset, validationSubset, testSubset, trainSample);

        MultiLayerNetwork net;
        List<EpochMetrics> metrics = new ArrayList<>();
        EarlyStoppingRule rule = EarlyStoppingRule.of(spec);
        String bestModel = "";
        if (resume) {
            if (Files.exists(settingsFile)) {
                RunSettings saved = Json.mapper().readValue(Files.readString(settingsFile), RunSettings.class);
                if (!saved.equals(settings)) {
                    throw new IOException(out + " holds a run with other settings (" + saved.differences(settings)
                            + "); continue it with its own options or choose another --out");
                }
            }
            if (Files.exists(resultFile)) {
                VariantResult done = Json.mapper().readValue(Files.readString(resultFile), VariantResult.class);
                return new Outcome(done, done.epochs().size(), out, true);
            }
            if (!Files.exists(checkpointFile)) {
                throw new IOException(out + " holds no " + Checkpoint.FILE + " to resume from");
            }
            Checkpoint checkpoint = Checkpoint.read(checkpointFile);
            if (!checkpoint.spec().equals(spec)) {
                throw new IOException(checkpointFile + " was made with a different model specification ("
                        + checkpoint.spec().name() + ", " + checkpoint.spec().training().epochs()
                        + " epochs); resume with the same options or choose another --out");
            }
            net = checkpoint.network();
            metrics.addAll(checkpoint.state().metrics());
            for (EpochMetrics m : metrics) {
                rule.record(m.epoch(), m.validationAccuracy());
            }
            bestModel = checkpoint.state().bestModel();
            progress.message(label + ": resuming after epoch " + metrics.size() + " of " + spec.training().epochs());
        } else {
            if (Files.exists(checkpointFile) || Files.exists(resultFile)) {
                throw new IOException(out + " already holds a run; pass --resume to continue it, or choose another --out");
            }
            net = NetworkBuilder.network(spec);
            AtomicFiles.writeString(settingsFile, Json.mapper().writeValueAsString(settings) + "\n");
        }
        BatchScores running = new BatchScores();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(running);
        NetworkBuilder.setListeners(net, all);

        TrainingSpec training = spec.training();
        boolean keepsBest = training.earlyStopping();
        BatchAugmenter augmenter = training.augmented() ? BatchAugmenter.of(training.augmentation()) : null;
        FashionMnistIterator validation = FashionMnistIterator.builder(data, Split.VALIDATION)
                .optSubset(validationSubset).optBatchSize(EVAL_BATCH).build();
        int sampleSize = Math.min(trainSample().size(), trainSample);

        double elapsedBefore = metrics.isEmpty() ? 0 : metrics.get(metrics.size() - 1).elapsedSeconds();
        long start = System.nanoTime();
        boolean stoppedEarly = false;
        boolean interrupted = false;
        for (int epoch = metrics.size() + 1; epoch <= training.epochs(); epoch++) {
            int completed = epoch - 1;
            if (rule.stops(completed)) {
                stoppedEarly = true;
                progress.message(String.format("%s: stopping early, no better validation accuracy for %d epochs; "
                        + "keeping epoch %d", label, completed - rule.bestEpoch(), rule.bestEpoch()));
                break;
            }
            if (stop.isRequested()) {
                interrupted = true;
                break;
            }
            FashionMnistIterator base = baseOf(epoch);
            DataSetIterator train = augmenter == null ? base
                    : new AugmentingIterator(base, augmenter, stream(AUGMENT_STREAM, epoch));
            int images = base.size();
            running.reset();
            progress.startEpoch(label, epoch, training.epochs(), images);
            long epochStart = System.nanoTime();
            int done = 0;
            while (train.hasNext()) {
                if (stop.isRequested()) {
                    interrupted = true;
                    break;
                }
                DataSet batch = train.next();
                net.fit(batch);
                done += batch.numExamples();
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                progress.batch(done, running.loss(), running.accuracy(), done / Math.max(seconds, 1e-9));
            }
            if (interrupted) {
                break;
            }
            double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
            // Per-batch fit() leaves the epoch count alone; epoch-based learning-rate schedules read it.
            net.incrementEpochCount();

            Scores onTrain = Scores.of(net, trainSample(), sampleSize);
            validation.reset();
            Scores onValidation = Scores.of(net, validation, 0);
            EpochMetrics m = new EpochMetrics(epoch, onTrain.loss(), onTrain.accuracy(), onValidation.loss(),
                    onValidation.accuracy(), trainSeconds, elapsedBefore + (System.nanoTime() - start) / 1e9,
                    done / Math.max(trainSeconds, 1e-9));
            metrics.add(m);

            String note = "";
            if (rule.record(epoch, m.validationAccuracy())) {
                note = "best so far";
                if (keepsBest) {
                    bestModel = String.format("best-epoch-%03d.zip", epoch);
                    new SavedModel(spec, net).save(out.resolve(bestModel), false);
                }
            }
            MetricsFiles.write(out, metrics);
            new Checkpoint(spec, net, new Checkpoint.State(epoch, metrics, rule.bestEpoch(), bestModel)).write(checkpointFile);
            deleteStaleBestModels(bestModel);
            progress.endEpoch(m, note);
        }
        if (interrupted) {
            progress.message(label + ": stopped; " + (metrics.isEmpty() ? "no epoch was completed"
                    : "the checkpoint of epoch " + metrics.size() + " is in " + checkpointFile));
            return new Outcome(null, metrics.size(), out, false);
        }

        MultiLayerNetwork delivered;
        int testedEpoch;
        if (keepsBest) {
            Path best = out.resolve(bestModel);
            delivered = SavedModel.load(best).network();
            testedEpoch = rule.bestEpoch();
            AtomicFiles.write(out.resolve(MODEL), temp -> Files.copy(best, temp, StandardCopyOption.REPLACE_EXISTING));
        } else {
            delivered = net;
            testedEpoch = metrics.size();
            SavedModel last = new SavedModel(spec, net);
            last.save(out.resolve(MODEL), false);
        }
        FashionMnistIterator test = FashionMnistIterator.builder(data, Split.TEST)
                .optSubset(testSubset).optBatchSize(EVAL_BATCH).build();
        Scores onTest = Scores.of(delivered, test, 0);
        TestEvaluation evaluation = onTest.toTestEvaluation();
        AtomicFiles.writeString(out.resolve(TEST_PREDICTIONS), onTest.predictionsCsv());
        VariantResult result = new VariantResult(label, description, spec.training().augmentationText(),
                net.numParams(), metrics, testedEpoch, stoppedEarly, evaluation);
        AtomicFiles.writeString(out.resolve(EVALUATION_MD), "# " + label + ": test evaluation (epoch " + testedEpoch
                + ")\n\n" + evaluation.toMarkdown());
        AtomicFiles.writeString(out.resolve(EVALUATION_JSON), Json.mapper().writeValueAsString(evaluation) + "\n");
        AtomicFiles.writeString(resultFile, Json.mapper().writeValueAsString(result) + "\n");
        return new Outcome(result, metrics.size(), out, false);
    }

    /**
     * The trained images the per-epoch training figures are measured on, from their start: the same images in the
     * same order every epoch, in a resumed run too (an iterator's reset would shuffle them anew).
     */
    private FashionMnistIterator trainSample() {
        return FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(trainSubset).optBatchSize(EVAL_BATCH).optShuffle(true)
                .optSeed(stream(SAMPLE_STREAM, 1).nextLong()).build();
    }

    private FashionMnistIterator baseOf(int epoch) {
        return FashionMnistIterator.builder(data, Split.TRAIN)
                .optSubset(trainSubset)
                .optBatchSize(spec.training().batchSize())
                .optShuffle(true)
                .optSeed(stream(DATA_STREAM, epoch).nextLong())
                .build();
    }

    /**
     * The random stream for one purpose and epoch: the run's seed split into one stream per purpose,
     * each split again once per epoch, so every (purpose, epoch) pair has its own stream whatever
     * happened before it.
     */
    SplittableRandom stream(int purpose, int epoch) {
        SplittableRandom root = new SplittableRandom(spec.training().seed());
        SplittableRandom forPurpose = null;
        for (int i = 0; i <= purpose; i++) {
            forPurpose = root.split();
        }
        SplittableRandom forEpoch = null;
        for (int e = 1; e <= epoch; e++) {
            forEpoch = forPurpose.split();
        }
        return forEpoch;
    }

    private void deleteStaleBestModels(String keep) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("best-epoch-") && name.endsWith(".zip") && !name.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Settings of a {@link TrainingRun}; the data, specification and output directory are required. */
    public static final class Builder {
        private final FashionMnist data;
        private final ModelSpec spec;
        private final Path out;
        private String label;
        private String description = "";
        private int trainSubset;
        private int trainSample = DEFAULT_TRAIN_SAMPLE;
        private int validationSubset;
        private int testSubset;
        private boolean resume;
        private Progress progress = Progress.silent();
        private StopSignal stop = new StopSignal();
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(FashionMnist data, ModelSpec spec, Path out) {
            this.data = Objects.requireNonNull(data, "data must not be null");
            this.spec = Objects.requireNonNull(spec, "spec must not be null");
            this.out = Objects.requireNonNull(out, "out must not be null");
        }

        /** The name shown in progress lines and reports; default the specification's name. */
        public Builder optLabel(String label) {
            this.label = label;
            return this;
        }

        /** One line saying what this model changes, for the report; default empty. */
        public Builder optDescription(String description) {
            this.description = description == null ? "" : description;
            return this;
        }

        /**
         * Trains on a class-stratified subset of the training split.
         *
         * @param trainSubset number of training images, 0 (the default) for the whole split
         */
        public Builder optTrainSubset(int trainSubset) {
            this.trainSubset = trainSubset;
            return this;
        }

        /**
         * How many trained images the per-epoch training loss and accuracy are measured on.
         *
         * @param trainSample at least 1; default {@value #DEFAULT_TRAIN_SAMPLE}
         */
        public Builder optTrainSample(int trainSample) {
            this.trainSample = trainSample;
            return this;
        }

        /**
         * Measures validation figures on a class-stratified subset of the validation split (quick runs).
         *
         * @param validationSubset number of validation images, 0 (the default) for all 5,000
         */
        public Builder optValidationSubset(int validationSubset) {
            this.validationSubset = validationSubset;
            return this;
        }

        /**
         * Evaluates the delivered model on a class-stratified subset of the test split (quick runs).
         *
         * @param testSubset number of test images, 0 (the default) for all 10,000
         */
        public Builder optTestSubset(int testSubset) {
            this.testSubset = testSubset;
            return this;
        }

        /** Continue from the output directory's checkpoint instead of starting afresh; default false. */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Where to show progress; default nowhere. */
        public Builder optProgress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress must not be null");
            return this;
        }

        /** The signal that stops training between batches; default one that only code raises. */
        public Builder optStopSignal(StopSignal stop) {
            this.stop = Objects.requireNonNull(stop, "stop must not be null");
            return this;
        }

        /** Adds a listener to the network, such as DL4J's {@code StatsListener} for the dashboard. */
        public Builder optListener(TrainingListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the run, not started
         */
        public TrainingRun build() {
            if (trainSubset < 0) {
                throw new IllegalArgumentException("trainSubset must be at least 0 (0 = all), was " + trainSubset);
            }
            if (validationSubset < 0) {
                throw new IllegalArgumentException("validationSubset must be at least 0 (0 = all), was " + validationSubset);
            }
            if (testSubset < 0) {
                throw new IllegalArgumentException("testSubset must be at least 0 (0 = all), was " + testSubset);
            }
            if (trainSample < 1) {
                throw new IllegalArgumentException("trainSample must be at least 1, was " + trainSample);
            }
            return new TrainingRun(this);
        }
    }
}
