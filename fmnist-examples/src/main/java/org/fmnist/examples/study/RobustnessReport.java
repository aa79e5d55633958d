package org.fmnist.examples.study;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fmnist.augment.Perturbation;
import org.fmnist.examples.evaluation.Calibration;
import org.fmnist.examples.report.BandPlot;
import org.fmnist.examples.report.ReliabilityPlot;

/**
 * The report's sections on what the variants do beyond clean test accuracy: accuracy on perturbed test images
 * ({@value #ROBUSTNESS_PNG}: accuracy against rotation, shift and noise strength, mean over seeds with a band of
 * one standard deviation) and calibration ({@value #RELIABILITY_PNG}: one reliability diagram per variant). Every
 * figure and sentence comes from {@link StudyResults}; an effect is a paired interval that excludes zero, as for
 * clean accuracy.
 *
 * @param results the study's results
 */
record RobustnessReport(StudyResults results) {

    /** File name of the accuracy-against-strength plot. */
    static final String ROBUSTNESS_PNG = "robustness.png";
    /** File name of the reliability diagrams. */
    static final String RELIABILITY_PNG = "reliability.png";

    /** The plotted kinds of perturbation: their groups by strength, and the x axis. */
    private static final List<Perturbation.Kind> PLOTTED = List.of(Perturbation.Kind.ROTATION,
            Perturbation.Kind.SHIFT, Perturbation.Kind.NOISE);

    RobustnessReport {
        Objects.requireNonNull(results, "results must not be null");
    }

    /** The plots by file name. */
    Map<String, BufferedImage> plots() {
        Map<String, BufferedImage> plots = new LinkedHashMap<>();
        plots.put(ROBUSTNESS_PNG, robustnessPlot());
        plots.put(RELIABILITY_PNG, reliabilityPlot());
        return plots;
    }

    /** The two sections, Markdown. */
    String markdown() {
        StudyResults.VariantRecord baseline = results.variants().get(0);
        int images = results.settings().perturbedImages();
        StringBuilder md = new StringBuilder("\n## Robustness: accuracy on perturbed test images\n\n");
        md.append(String.format(Locale.ROOT, "Every delivered model is tested again on fixed perturbations of the "
                + "%s test images, the same pixels for every model (fmnist-augment's `Perturbation.standard()`): "
                + "rotation by ±10 and ±20 degrees, shifts by 2 and 4 pixels left, right, up and down, scaling by "
                + "0.8 and 1.2, the mirror image, and Gaussian noise of sigma 0.1 and 0.2 of the pixel range. A "
                + "strength's accuracy is the mean over its directions; the mean is over all %d perturbations. Calibration "
                + "is measured on all test images.%s%n%n",
                images == results.settings().testImages() ? String.format(Locale.ROOT, "%,d", images)
                        : String.format(Locale.ROOT, "first %,d of the %,d", images, results.settings().testImages()),
                Perturbation.standard().size(), cost()));
        md.append("![Test accuracy against perturbation strength, mean and one standard deviation over seeds](")
                .append(ROBUSTNESS_PNG).append(")\n\n");
        List<String> columns = new ArrayList<>(List.of("variant", "clean"));
        columns.addAll(baseline.robustness().groups().keySet());
        columns.add("mean of " + Perturbation.standard().size());
        List<List<String>> rows = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            List<String> row = new ArrayList<>(List.of(v.variant(), StudyReport.percent(v.robustness().clean().mean())));
            for (StudyResults.Compared g : v.robustness().groups().values()) {
                row.add(StudyReport.percent(g.mean()));
            }
            row.add(StudyReport.percent(v.robustness().mean().mean()));
            rows.add(row);
        }
        md.append(StudyReport.table(columns, rows));
        md.append("\nTest accuracy on the perturbed images, mean over seeds; \"clean\" is the same images "
                + "unperturbed.\n");
        if (results.variants().size() > 1) {
            md.append("\nAgainst the baseline, paired by seed:\n\n");
            md.append(robustnessFindings());
        }

        md.append("\n## Calibration\n\n");
        md.append("How far a model's confidence can be trusted, on the clean test images. The expected calibration "
                + "error (ECE) sorts the images by the model's top probability into " + Calibration.BINS
                + " equal-width bins and averages, weighted by the bins' sizes, the gap between each bin's accuracy "
                + "and its mean confidence: 0 is a model whose 90%-sure answers are right 90% of the time. The "
                + "negative log-likelihood (NLL) is the mean of −ln p(true class); the Brier score the mean squared "
                + "distance of the probabilities from the one-hot label (0 to 2). Lower is better for all three.\n\n");
        List<List<String>> calibration = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            StudyResults.CalibrationFigures c = v.calibration();
            calibration.add(List.of(v.variant(),
                    StudyReport.percent(c.ece().mean()) + " " + StudyReport.interval(c.ece().ci95Low(),
                            c.ece().ci95High()),
                    String.format(Locale.ROOT, "%.4f", c.nll().mean()),
                    String.format(Locale.ROOT, "%.4f", c.brier().mean())));
        }
        md.append(StudyReport.table(List.of("variant", "ECE, mean [95% interval]", "NLL", "Brier"), calibration));
        if (results.variants().size() > 1) {
            md.append("\nAgainst the baseline, paired by seed:\n\n");
            md.append(calibrationFindings());
        }
        md.append("\n![Reliability diagrams: accuracy against confidence per bin, all seeds' test images together](")
                .append(RELIABILITY_PNG).append(")\n\n");
        md.append("Bars below the diagonal are over-confidence (the model is surer than it is right), bars above "
                + "it under-confidence.\n");
        return md.toString();
    }

    /** One sentence per variant: the mean over the suite, then each group whose interval excludes zero. */
    String robustnessFindings() {
        StringBuilder text = new StringBuilder();
        for (StudyResults.VariantRecord v : results.variants().subList(1, results.variants().size())) {
            StudyResults.Compared mean = v.robustness().mean();
            text.append(String.format(Locale.ROOT, "- **%s**: %s on average under the perturbations%s", v.variant(),
                    accuracyDifference(mean), StudyReport.verdictClause(verdict(mean, true,
                            "more robust than the baseline", "less robust than the baseline"))));
            if (mean.diffCi95Low() == null) {
                // One seed: no interval anywhere, so no perturbation can be told apart from the baseline's.
                text.append(".\n");
                continue;
            }
            List<String> effects = new ArrayList<>();
            for (Map.Entry<String, StudyResults.Compared> g : v.robustness().groups().entrySet()) {
                if (g.getValue().isEffect()) {
                    effects.add(accuracyDifference(g.getValue()) + " under " + phrase(g.getKey()));
                }
            }
            text.append(effects.isEmpty() ? "; under no single perturbation distinguishable from it.\n"
                    : "; " + String.join(", ", effects) + ".\n");
        }
        return text.toString();
    }

    /** One sentence per variant on ECE, NLL and Brier against the baseline. */
    String calibrationFindings() {
        StringBuilder text = new StringBuilder();
        for (StudyResults.VariantRecord v : results.variants().subList(1, results.variants().size())) {
            StudyResults.CalibrationFigures c = v.calibration();
            text.append(String.format(Locale.ROOT, "- **%s**: ECE %s%s; NLL %s%s; Brier %s%s.%n", v.variant(),
                    accuracyDifference(c.ece()),
                    StudyReport.verdictClause(verdict(c.ece(), false, "better calibrated", "worse calibrated")),
                    plainDifference(c.nll()), StudyReport.verdictClause(verdict(c.nll(), false, "lower", "higher")),
                    plainDifference(c.brier()),
                    StudyReport.verdictClause(verdict(c.brier(), false, "lower", "higher"))));
        }
        return text.toString();
    }

    /**
     * The verdict in words: for an effect, whether it goes the good way ({@code better}) or the bad one
     * ({@code worse}); otherwise the verdict as it is ("not distinguishable at this budget").
     */
    private static String verdict(StudyResults.Compared c, boolean higherIsBetter, String better, String worse) {
        if (!c.isEffect()) {
            return c.verdict();
        }
        return (c.diffVsBaseline() > 0) == higherIsBetter ? better : worse;
    }

    private static String accuracyDifference(StudyResults.Compared c) {
        return Statistics.formatDifference(c.diffVsBaseline(), StudyReport.orNaN(c.diffCi95Low()),
                StudyReport.orNaN(c.diffCi95High()));
    }

    private static String plainDifference(StudyResults.Compared c) {
        String interval = c.diffCi95Low() == null ? "one seed: no interval"
                : String.format(Locale.ROOT, "%+.4f, %+.4f", c.diffCi95Low(), c.diffCi95High());
        return String.format(Locale.ROOT, "%+.4f [%s]", c.diffVsBaseline(), interval);
    }

    /** "4-pixel shifts" for the group "shift 4". */
    static String phrase(String group) {
        Perturbation p = Perturbation.standard().stream().filter(q -> q.group().equals(group)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no perturbation of group '" + group + "'"));
        String strength = group.substring(group.indexOf(' ') + 1);
        return switch (p.kind()) {
            case ROTATION -> strength + "-degree rotations";
            case SHIFT -> strength + "-pixel shifts";
            case SCALE -> "scaling by " + strength;
            case FLIP -> "the mirror image";
            case NOISE -> "noise of sigma " + strength;
        };
    }

    /** How long the evaluation took per run on average, and as a share of a run's training time. */
    private String cost() {
        double evaluation = results.runs().stream().mapToDouble(StudyResults.RunRecord::evaluationSeconds)
                .average().orElse(0);
        double training = results.runs().stream().mapToDouble(StudyResults.RunRecord::wallSeconds).average()
                .orElse(0);
        return String.format(Locale.ROOT, " Evaluating a model on the %d versions of the test images took %s on "
                + "average, %.0f%% of a run's training time.", Perturbation.standard().size() + 1,
                StudyReport.duration(evaluation), 100 * evaluation / Math.max(training, 1e-9));
    }

    private BufferedImage robustnessPlot() {
        List<BandPlot.Panel> panels = new ArrayList<>();
        for (Perturbation.Kind kind : PLOTTED) {
            // The kind's groups by strength, weakest first, as the suite lists them; x = 0 is the clean images.
            Map<String, Double> strengths = new LinkedHashMap<>();
            Perturbation.standard().stream().filter(p -> p.kind() == kind)
                    .forEach(p -> strengths.putIfAbsent(p.group(), p.strength()));
            List<String> groups = List.copyOf(strengths.keySet());
            double[] x = new double[groups.size() + 1];
            for (int i = 0; i < groups.size(); i++) {
                x[i + 1] = strengths.get(groups.get(i));
            }
            List<BandPlot.Series> series = new ArrayList<>();
            for (StudyResults.VariantRecord v : results.variants()) {
                double[] mean = new double[x.length];
                double[] sd = new double[x.length];
                StudyResults.Compared clean = v.robustness().clean();
                mean[0] = 100 * clean.mean();
                sd[0] = clean.sd() == null ? Double.NaN : 100 * clean.sd();
                for (int i = 0; i < groups.size(); i++) {
                    StudyResults.Compared g = v.robustness().groups().get(groups.get(i));
                    mean[i + 1] = 100 * g.mean();
                    sd[i + 1] = g.sd() == null ? Double.NaN : 100 * g.sd();
                }
                series.add(new BandPlot.Series(v.variant(), x, mean, sd));
            }
            panels.add(new BandPlot.Panel(kind.id() + " (" + kind.unit() + ")", series));
        }
        return BandPlot.render("test accuracy under perturbations, mean ± 1 sd over "
                + StudyReport.seeds(results.settings().seeds().size()), "accuracy (%)", panels, BandPlot.WIDTH,
                BandPlot.HEIGHT);
    }

    private BufferedImage reliabilityPlot() {
        List<ReliabilityPlot.Diagram> diagrams = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            diagrams.add(new ReliabilityPlot.Diagram(v.variant(), v.calibration().reliability(),
                    v.calibration().ece().mean()));
        }
        int seeds = results.settings().seeds().size();
        return ReliabilityPlot.render("reliability on the clean test images" + (seeds == 1 ? ""
                : ", all " + seeds + " seeds together; ECE the mean over seeds"), diagrams, ReliabilityPlot.WIDTH);
    }
}
