package org.fmnist.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.fmnist.augment.Perturbation;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.Split;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.evaluation.Calibration;
import org.fmnist.examples.evaluation.ReliabilityBin;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.examples.report.EpochMetrics;
import org.fmnist.examples.report.Json;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.Preset;

/**
 * What a study found, as {@value #FILE} holds it: the settings, one record per (variant, seed) run and one per
 * variant with its statistics over seeds. Accuracies and gaps are fractions in [0, 1] (0.0053 is 0.53
 * percentage points); a figure that needs two seeds is {@code null} with one.
 *
 * @param settings what every run shared
 * @param runs     one record per run, in the plan's order
 * @param variants one record per variant, in the plan's order, the baseline first
 */
public record StudyResults(Settings settings, List<RunRecord> runs, List<VariantRecord> variants) {

    /** File name of the results in the study's directory. */
    public static final String FILE = "study.json";

    /** Copies the lists. */
    public StudyResults {
        Objects.requireNonNull(settings, "settings must not be null");
        runs = List.copyOf(runs);
        variants = List.copyOf(variants);
    }

    /**
     * What every run of the study shared.
     *
     * @param title            the study's heading
     * @param study            the variants' study id ({@code regularization}, ...), or {@code custom} for --models
     * @param budget           the budget's id
     * @param baseline         the variant the others are compared with
     * @param seeds            the seeds, every variant trained with each
     * @param trainImages      training images per run (0 in the budget means all; here the actual count)
     * @param validationImages validation images each epoch was measured on
     * @param testImages       test images each delivered model was evaluated on
     * @param perturbedImages  of those, the first ones the robustness evaluation perturbed
     * @param epochs           epochs each variant was given (early-stopping variants may stop sooner)
     * @param batchSize        training batch size
     * @param software         versions: Java, DL4J
     * @param machine          the machine: CPU model and cores
     */
    public record Settings(String title, String study, String budget, String baseline, List<Long> seeds,
                           int trainImages, int validationImages, int testImages, int perturbedImages,
                           Map<String, Integer> epochs,
                           int batchSize, Map<String, String> software, String machine) {
    }

    /**
     * One (variant, seed) run.
     *
     * @param variant                the variant's preset id
     * @param seed                   the seed
     * @param testAccuracy           accuracy of the delivered model on the test images
     * @param bestValidationAccuracy the highest validation accuracy of any epoch
     * @param bestEpoch              the epoch that reached it (the earliest, on ties)
     * @param testedEpoch            the epoch whose weights were tested: the last, or the best for early stopping
     * @param finalGap               training minus validation accuracy after the last epoch
     * @param epochs                 epochs trained
     * @param wallSeconds            wall-clock seconds the run took, evaluation after each epoch included
     * @param perturbedImagesClean   accuracy on the test images the robustness evaluation perturbs, unperturbed
     * @param meanPerturbedAccuracy  test accuracy under the perturbations, the mean over the suite
     * @param perturbedAccuracy      test accuracy under each perturbation, by its name ({@code rotate+10}, ...)
     * @param ece                    expected calibration error on the clean test images (15 bins)
     * @param nll                    negative log-likelihood on them
     * @param brier                  Brier score on them
     * @param evaluationSeconds      wall-clock seconds the robustness and calibration evaluation took
     */
    public record RunRecord(String variant, long seed, double testAccuracy, double bestValidationAccuracy,
                            int bestEpoch, int testedEpoch, double finalGap, int epochs, double wallSeconds,
                            double perturbedImagesClean, double meanPerturbedAccuracy,
                            Map<String, Double> perturbedAccuracy, double ece,
                            double nll, double brier, double evaluationSeconds) {

        static RunRecord of(StudyRunner.FinishedRun run) {
            VariantResult r = run.result();
            EpochMetrics best = r.bestEpoch();
            RobustnessCalibration e = run.evaluation();
            return new RunRecord(run.run().variant().id(), run.run().seed(), r.test().accuracy(),
                    best.validationAccuracy(), best.epoch(), r.testedEpoch(), r.finalGap(), r.epochs().size(),
                    run.wallSeconds(), e.cleanAccuracy(), e.meanPerturbedAccuracy(), e.perturbedAccuracy(), e.calibration().ece(),
                    e.calibration().nll(), e.calibration().brier(), e.seconds());
        }
    }

    /**
     * One variant over its seeds: test accuracy with its 95% interval, and the paired difference from the baseline.
     *
     * @param variant        the variant's preset id
     * @param description    what it changes
     * @param n              seeds
     * @param mean           mean test accuracy
     * @param sd             its sample standard deviation over seeds
     * @param ci95Low        lower end of the 95% Student t interval of the mean
     * @param ci95High       upper end
     * @param diffVsBaseline mean test accuracy minus the baseline's, paired by seed (0 for the baseline)
     * @param diffCi95Low    lower end of the 95% t interval of the paired differences
     * @param diffCi95High   upper end
     * @param verdict        {@code effect}, {@code not distinguishable} or {@code no interval}; empty for the baseline
     * @param bestValidation best validation accuracy over seeds
     * @param finalGap       final train - validation gap over seeds
     * @param mcNemar        McNemar's test on each seed's paired test predictions against the baseline's
     * @param robustness     test accuracy under the perturbations
     * @param calibration    calibration on the clean test images
     */
    public record VariantRecord(String variant, String description, int n, double mean, Double sd, Double ci95Low,
                                Double ci95High, double diffVsBaseline, Double diffCi95Low, Double diffCi95High,
                                String verdict, Moments bestValidation, Moments finalGap, List<SeedTest> mcNemar,
                                Robustness robustness, CalibrationFigures calibration) {
    }

    /**
     * One figure of a variant over its seeds, and its paired difference from the baseline's, as for test accuracy.
     *
     * @param mean           the mean over seeds
     * @param sd             its sample standard deviation, null for one seed
     * @param ci95Low        lower end of the 95% t interval of the mean, null for one seed
     * @param ci95High       upper end
     * @param diffVsBaseline the mean minus the baseline's, paired by seed (0 for the baseline)
     * @param diffCi95Low    lower end of the 95% t interval of the paired differences; null for the baseline or one
     *                       seed
     * @param diffCi95High   upper end
     * @param verdict        {@code effect}, {@code not distinguishable} or {@code no interval}; empty for the
     *                       baseline
     */
    public record Compared(double mean, Double sd, Double ci95Low, Double ci95High, double diffVsBaseline,
                           Double diffCi95Low, Double diffCi95High, String verdict) {

        static Compared of(Map<Long, Double> variant, Map<Long, Double> baseline, boolean isBaseline) {
            Statistics.Summary s = Statistics.summarize(variant.values().stream().mapToDouble(Double::doubleValue)
                    .toArray());
            Statistics.PairedDifference diff = Statistics.pairedDifference(baseline, variant);
            return new Compared(s.mean(), defined(s.sd()), defined(s.ciLow()), defined(s.ciHigh()), diff.mean(),
                    isBaseline ? null : defined(diff.ciLow()), isBaseline ? null : defined(diff.ciHigh()),
                    isBaseline ? "" : diff.verdict().description());
        }

        /** Whether the paired interval excludes zero. */
        public boolean isEffect() {
            return verdict.equals(Statistics.Verdict.EFFECT.description());
        }
    }

    /**
     * A variant's test accuracy under the fixed perturbations of {@link Perturbation#standard()}.
     *
     * @param clean         accuracy on the same test images unperturbed
     * @param mean          the mean over the suite
     * @param groups        by {@link Perturbation#group()} ({@code rotation 10}, {@code shift 4}, ...): each run's
     *                      mean over the group's directions, then over seeds
     * @param perturbations by perturbation name
     */
    public record Robustness(Compared clean, Compared mean, Map<String, Compared> groups, Map<String, Compared> perturbations) {
    }

    /**
     * A variant's calibration on the clean test images.
     *
     * @param ece         expected calibration error, 15 equal-width confidence bins
     * @param nll         negative log-likelihood
     * @param brier       Brier score
     * @param reliability the reliability diagram of all its seeds' test predictions together
     */
    public record CalibrationFigures(Compared ece, Compared nll, Compared brier, List<ReliabilityBin> reliability) {
    }

    /**
     * Mean, standard deviation and 95% interval of one figure over seeds.
     *
     * @param mean    the mean
     * @param sd      the sample standard deviation, null for one seed
     * @param ci95Low lower end of the 95% t interval, null for one seed
     * @param ci95High upper end, null for one seed
     */
    public record Moments(double mean, Double sd, Double ci95Low, Double ci95High) {

        static Moments of(Statistics.Summary s) {
            return new Moments(s.mean(), defined(s.sd()), defined(s.ciLow()), defined(s.ciHigh()));
        }
    }

    /**
     * McNemar's test for one seed.
     *
     * @param seed   the seed
     * @param b      test images the baseline got right and the variant wrong
     * @param c      test images the baseline got wrong and the variant right
     * @param pValue the exact two-sided p-value
     */
    public record SeedTest(long seed, int b, int c, double pValue) {
    }

    /**
     * The results of a finished study.
     *
     * @param plan      the study
     * @param runs      every run of the plan, finished, in its order
     * @param directory the study's directory, where each run left its test predictions
     * @param data      the dataset, for the image counts
     * @return the results
     * @throws IOException if a run's test predictions cannot be read
     */
    public static StudyResults of(StudyPlan plan, List<StudyRunner.FinishedRun> runs, Path directory,
            FashionMnist data) throws IOException {
        List<RunRecord> records = runs.stream().map(RunRecord::of).toList();
        Map<Preset, List<StudyRunner.FinishedRun>> byVariant = new LinkedHashMap<>();
        for (Preset variant : plan.variants()) {
            byVariant.put(variant, new ArrayList<>());
        }
        for (StudyRunner.FinishedRun run : runs) {
            byVariant.get(run.run().variant()).add(run);
        }
        List<StudyRunner.FinishedRun> baselineRuns = byVariant.get(plan.baseline());
        // Which test images the baseline got right, per seed: every variant's McNemar test compares with them.
        Map<Long, boolean[]> baselineCorrect = new LinkedHashMap<>();
        for (StudyRunner.FinishedRun run : baselineRuns) {
            baselineCorrect.put(run.run().seed(), correct(run, directory));
        }
        List<VariantRecord> variants = new ArrayList<>();
        for (Map.Entry<Preset, List<StudyRunner.FinishedRun>> entry : byVariant.entrySet()) {
            variants.add(variantRecord(entry.getKey(), entry.getValue(), baselineRuns, baselineCorrect, plan,
                    directory));
        }
        return new StudyResults(settings(plan, runs, data), records, variants);
    }

    private static VariantRecord variantRecord(Preset variant, List<StudyRunner.FinishedRun> runs,
            List<StudyRunner.FinishedRun> baselineRuns, Map<Long, boolean[]> baselineCorrect, StudyPlan plan,
            Path directory) throws IOException {
        Statistics.Summary test = Statistics.summarize(values(runs, r -> r.test().accuracy()));
        Statistics.Summary validation = Statistics.summarize(values(runs, r -> r.bestEpoch().validationAccuracy()));
        Statistics.Summary gap = Statistics.summarize(values(runs, VariantResult::finalGap));
        boolean isBaseline = variant == plan.baseline();
        Statistics.PairedDifference diff = Statistics.pairedDifference(bySeed(baselineRuns), bySeed(runs));
        List<SeedTest> tests = new ArrayList<>();
        if (!isBaseline) {
            for (StudyRunner.FinishedRun run : runs) {
                Statistics.McNemarResult m = Statistics.mcNemar(baselineCorrect.get(run.run().seed()),
                        correct(run, directory));
                tests.add(new SeedTest(run.run().seed(), m.b(), m.c(), m.pValue()));
            }
        }
        return new VariantRecord(variant.id(), variant.description(), test.n(), test.mean(), defined(test.sd()),
                defined(test.ciLow()), defined(test.ciHigh()), diff.mean(),
                isBaseline ? null : defined(diff.ciLow()), isBaseline ? null : defined(diff.ciHigh()),
                isBaseline ? "" : diff.verdict().description(), Moments.of(validation), Moments.of(gap), tests,
                robustness(runs, baselineRuns, isBaseline), calibration(runs, baselineRuns, isBaseline));
    }

    private static Robustness robustness(List<StudyRunner.FinishedRun> runs,
            List<StudyRunner.FinishedRun> baselineRuns, boolean isBaseline) {
        Map<String, Compared> groups = new LinkedHashMap<>();
        Map<String, Compared> perturbations = new LinkedHashMap<>();
        for (Perturbation p : Perturbation.standard()) {
            perturbations.put(p.name(), compared(runs, baselineRuns, isBaseline,
                    e -> e.perturbedAccuracy().get(p.name())));
            groups.computeIfAbsent(p.group(), group -> compared(runs, baselineRuns, isBaseline,
                    e -> groupMean(e, group)));
        }
        return new Robustness(compared(runs, baselineRuns, isBaseline, RobustnessCalibration::cleanAccuracy),
                compared(runs, baselineRuns, isBaseline, RobustnessCalibration::meanPerturbedAccuracy),
                groups, perturbations);
    }

    /** A run's mean accuracy over the perturbations of one group. */
    private static double groupMean(RobustnessCalibration e, String group) {
        return Perturbation.standard().stream().filter(p -> p.group().equals(group))
                .mapToDouble(p -> e.perturbedAccuracy().get(p.name())).average().orElseThrow();
    }

    private static CalibrationFigures calibration(List<StudyRunner.FinishedRun> runs,
            List<StudyRunner.FinishedRun> baselineRuns, boolean isBaseline) {
        return new CalibrationFigures(
                compared(runs, baselineRuns, isBaseline, e -> e.calibration().ece()),
                compared(runs, baselineRuns, isBaseline, e -> e.calibration().nll()),
                compared(runs, baselineRuns, isBaseline, e -> e.calibration().brier()),
                pooledBins(runs));
    }

    /** The reliability bins of several runs as one diagram: counts added, means weighted by them. */
    private static List<ReliabilityBin> pooledBins(List<StudyRunner.FinishedRun> runs) {
        List<ReliabilityBin> pooled = new ArrayList<>();
        for (int b = 0; b < Calibration.BINS; b++) {
            long count = 0;
            double confidence = 0;
            double accuracy = 0;
            for (StudyRunner.FinishedRun run : runs) {
                ReliabilityBin bin = run.evaluation().calibration().bins().get(b);
                count += bin.count();
                confidence += bin.count() * bin.meanConfidence();
                accuracy += bin.count() * bin.accuracy();
            }
            ReliabilityBin first = runs.get(0).evaluation().calibration().bins().get(b);
            pooled.add(new ReliabilityBin(first.lower(), first.upper(), count,
                    count == 0 ? 0 : Math.min(confidence / count, 1), count == 0 ? 0 : Math.min(accuracy / count, 1)));
        }
        return pooled;
    }

    private static Compared compared(List<StudyRunner.FinishedRun> runs, List<StudyRunner.FinishedRun> baselineRuns,
            boolean isBaseline, ToDoubleFunction<RobustnessCalibration> figure) {
        return Compared.of(bySeed(runs, figure), bySeed(baselineRuns, figure), isBaseline);
    }

    private static Map<Long, Double> bySeed(List<StudyRunner.FinishedRun> runs,
            ToDoubleFunction<RobustnessCalibration> figure) {
        Map<Long, Double> bySeed = new LinkedHashMap<>();
        for (StudyRunner.FinishedRun run : runs) {
            bySeed.put(run.run().seed(), figure.applyAsDouble(run.evaluation()));
        }
        return bySeed;
    }

    private static boolean[] correct(StudyRunner.FinishedRun run, Path directory) throws IOException {
        return TestPredictions.read(run.run().directory(directory).resolve(TrainingRun.TEST_PREDICTIONS)).correct();
    }

    private static Settings settings(StudyPlan plan, List<StudyRunner.FinishedRun> runs, FashionMnist data) {
        Map<String, Integer> epochs = new LinkedHashMap<>();
        for (Preset variant : plan.variants()) {
            epochs.put(variant.id(), plan.epochs(variant));
        }
        Budget budget = plan.budget();
        Map<String, String> software = new LinkedHashMap<>();
        software.put("java", Runtime.version().toString());
        software.put("dl4j", versionOf("org.deeplearning4j", "deeplearning4j-nn"));
        software.put("fmnist", versionOf("org.fmnist", "fmnist-examples"));
        return new Settings(plan.title(), studyId(plan), budget.id(), plan.baseline().id(), plan.seeds(),
                budget.trainImages() == 0 ? data.size(Split.TRAIN) : budget.trainImages(),
                budget.validationImages() == 0 ? data.size(Split.VALIDATION) : budget.validationImages(),
                budget.testImages() == 0 ? data.size(Split.TEST) : budget.testImages(),
                runs.get(0).evaluation().images(), epochs,
                runs.get(0).run().spec().training().batchSize(), software, Machine.describe());
    }

    private static String studyId(StudyPlan plan) {
        for (Study study : Study.values()) {
            if (study.variants().equals(plan.variants())) {
                return study.id();
            }
        }
        return "custom";
    }

    /** The version in a Maven artifact's pom.properties on the class path, or "development build" without one. */
    private static String versionOf(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (var in = StudyResults.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("version", "development build");
            }
        } catch (IOException e) {
            // Fall through: the version is for information only.
        }
        return "development build";
    }

    private static double[] values(List<StudyRunner.FinishedRun> runs,
            ToDoubleFunction<VariantResult> figure) {
        return runs.stream().mapToDouble(r -> figure.applyAsDouble(r.result())).toArray();
    }

    private static Map<Long, Double> bySeed(List<StudyRunner.FinishedRun> runs) {
        Map<Long, Double> bySeed = new LinkedHashMap<>();
        for (StudyRunner.FinishedRun run : runs) {
            bySeed.put(run.run().seed(), run.result().test().accuracy());
        }
        return bySeed;
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** The variant's record. */
    public VariantRecord variant(String id) {
        return variants.stream().filter(v -> v.variant().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + id + "' in the study"));
    }

    /**
     * Writes the results as indented JSON, atomically.
     *
     * @param file the file, usually {@value #FILE} in the study's directory
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, Json.mapper().writeValueAsString(this) + "\n");
    }

    /**
     * Reads results written by {@link #write}.
     *
     * @param file the file
     * @return the results
     * @throws IOException if it cannot be read or is not a study's results
     */
    public static StudyResults read(Path file) throws IOException {
        return Json.mapper().readValue(Files.readString(file), StudyResults.class);
    }
}
