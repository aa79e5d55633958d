package org.fmnist.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistClass;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.report.BandPlot;
import org.fmnist.examples.report.Plots;
import org.fmnist.examples.report.Previews;
import org.fmnist.examples.report.EpochMetrics;
import org.fmnist.examples.report.IntervalPlot;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.models.Preset;

/**
 * The study's report: {@value #MARKDOWN}, and {@value #HTML} rendered from the same Markdown with every image
 * embedded, so that the page reads without the files beside it. Every sentence about an effect is derived from
 * {@link StudyResults}: a variant differs from the baseline only where the 95% interval of the paired difference
 * excludes zero.
 *
 * <p>Plots: {@value #TEST_ACCURACY_PNG} (test accuracy per variant, mean and 95% interval), {@value #ACCURACY_PNG}
 * (training and validation accuracy per epoch, mean over seeds with a band of one standard deviation),
 * {@value #GAP_PNG} (the generalization gap per epoch, likewise), {@code robustness.png} and
 * {@code reliability.png} (accuracy on perturbed test images and calibration, see {@link RobustnessReport}) and one
 * augmentation preview per augmented variant ({@code preview-<variant>.png}).
 *
 * @param results  the study's results
 * @param runs     its finished runs, for the curves and per-class scores
 * @param command  the command line that made it, shown so that it can be repeated
 * @param previews augmentation previews to show, by variant id, in order; may be empty
 */
public record StudyReport(StudyResults results, List<StudyRunner.FinishedRun> runs, String command,
                          Map<String, Path> previews) {

    /** Augmented versions of each image in a variant's augmentation preview. */
    private static final int PREVIEW_AUGMENTATIONS = 6;

    /** File name of the Markdown report. */
    public static final String MARKDOWN = "report.md";
    /** File name of the self-contained HTML report. */
    public static final String HTML = "report.html";
    /** File name of the test-accuracy interval plot. */
    public static final String TEST_ACCURACY_PNG = "test-accuracy.png";
    /** File name of the accuracy curves. */
    public static final String ACCURACY_PNG = "curves-accuracy.png";
    /** File name of the generalization-gap curves. */
    public static final String GAP_PNG = "curves-gap.png";

    /** Validates and copies the fields. */
    public StudyReport {
        Objects.requireNonNull(results, "results must not be null");
        Objects.requireNonNull(command, "command must not be null");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("runs must hold at least one run, held none");
        }
        previews = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(previews));
    }

    /**
     * Writes a finished study's results: {@code study.json}, an augmentation preview for each variant that
     * augments, and the report ({@link #write}).
     *
     * @param plan    the study
     * @param runs    every run of the plan, finished, in its order
     * @param dir     the study's directory, holding the runs
     * @param data    the dataset
     * @param command the command line that ran the study, shown in the report
     * @return the report written
     * @throws IOException if a file cannot be read or written
     */
    public static StudyReport writeStudy(StudyPlan plan, List<StudyRunner.FinishedRun> runs, Path dir,
            FashionMnist data, String command) throws IOException {
        StudyResults results = StudyResults.of(plan, runs, dir, data);
        results.write(dir.resolve(StudyResults.FILE));
        Map<String, Path> previews = new LinkedHashMap<>();
        for (Preset variant : plan.variants()) {
            if (variant.spec().training().augmented()) {
                Path png = dir.resolve(previewFile(variant.id()));
                Previews.write(data, variant.spec().training().augmentation(), PREVIEW_AUGMENTATIONS,
                        plan.seeds().get(0), png);
                previews.put(variant.id(), png);
            }
        }
        StudyReport report = new StudyReport(results, runs, command, previews);
        report.write(dir);
        return report;
    }

    /** The file name of a variant's augmentation preview. */
    public static String previewFile(String variant) {
        return "preview-" + variant + ".png";
    }

    /**
     * Writes the plots, the Markdown and the HTML into a directory, each file atomically.
     *
     * @param dir the study's directory
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put(TEST_ACCURACY_PNG, Plots.toPng(testAccuracyPlot()));
        images.put(ACCURACY_PNG, Plots.toPng(accuracyPlot()));
        images.put(GAP_PNG, Plots.toPng(gapPlot()));
        for (Map.Entry<String, java.awt.image.BufferedImage> plot : new RobustnessReport(results).plots().entrySet()) {
            images.put(plot.getKey(), Plots.toPng(plot.getValue()));
        }
        for (Map.Entry<String, byte[]> plot : images.entrySet()) {
            AtomicFiles.writeBytes(dir.resolve(plot.getKey()), plot.getValue());
        }
        for (Map.Entry<String, Path> preview : previews.entrySet()) {
            Path target = dir.resolve(previewFile(preview.getKey()));
            byte[] png = Files.readAllBytes(preview.getValue());
            if (!Files.exists(target) || !Files.isSameFile(target, preview.getValue())) {
                AtomicFiles.writeBytes(target, png);
            }
            images.put(previewFile(preview.getKey()), png);
        }
        String markdown = toMarkdown();
        AtomicFiles.writeString(dir.resolve(MARKDOWN), markdown);
        AtomicFiles.writeString(dir.resolve(HTML), toHtml(markdown, images));
    }

    private StudyResults.Settings settings() {
        return results.settings();
    }

    private int seeds() {
        return settings().seeds().size();
    }

    /** The report as Markdown; images are referenced by file name, relative to the report. */
    public String toMarkdown() {
        StudyResults.Settings s = settings();
        StringBuilder md = new StringBuilder("# ").append(s.title()).append("\n\n");
        if (s.budget().equals(Budget.QUICK.id())) {
            md.append("> **A quick look.** The quick budget trains on 1,000 images for 5 epochs: enough to see the "
                    + "machinery work and the curves take shape, too small for the study's conclusions.\n\n");
        }
        md.append("Made with:\n\n```\n").append(command).append("\n```\n\n");
        for (Map.Entry<String, String> e : settingsLines().entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("\n## What the study shows\n\n");
        md.append(findings(results));
        md.append("\n## Test accuracy\n\n");
        md.append("![Test accuracy per variant, mean and 95% interval over seeds](").append(TEST_ACCURACY_PNG)
                .append(")\n\n");
        md.append(table(List.of("variant", "test accuracy, mean ± sd", "95% interval", "best validation accuracy",
                "final train − validation gap", "epochs", "wall time per run"), accuracyRows()));
        md.append(seeds() == 1 ? "\nWith one seed these are single runs: no standard deviation, no interval."
                : "\nMeans and standard deviations are over the " + seeds(seeds()) + "; the interval is Student's t "
                        + "for the mean.");
        md.append(" The gap is training minus validation accuracy after the last epoch, both in inference mode: a "
                + "large positive gap is over-fitting.\n");
        if (results.variants().size() > 1) {
            md.append("\n## Against the baseline\n\n");
            md.append(table(List.of("variant", "test accuracy − " + s.baseline() + ", paired by seed", "verdict",
                    "McNemar per seed: b / c, p"), comparisonRows()));
            md.append("\nThe difference is the mean over seeds of the variant's test accuracy minus the baseline's "
                    + "with the same seed, with its 95% t interval; it is an effect only where the interval excludes "
                    + "zero. McNemar's exact test compares the two models' predictions on the same test images: b "
                    + "images only the baseline classified correctly, c only the variant. It asks whether two "
                    + "trained models differ on these images, seed by seed; the interval asks whether the difference "
                    + "holds across seeds, which is the study's question.\n");
        }
        md.append(new RobustnessReport(results).markdown());
        md.append("\n## Curves\n\n");
        md.append("![Training and validation accuracy per epoch, mean and one standard deviation over seeds](")
                .append(ACCURACY_PNG).append(")\n\n");
        md.append("![Generalization gap per epoch, mean and one standard deviation over seeds](").append(GAP_PNG)
                .append(")\n\n");
        md.append("## Per-class F1 on the test split (mean over seeds)\n\n");
        md.append(table(f1Columns(), f1Rows()));
        if (!previews.isEmpty()) {
            md.append("\n## Augmentation previews\n\n");
            md.append("Each row is one test image, first the original, then random augmentations of it.\n\n");
            for (String variant : previews.keySet()) {
                md.append("**").append(variant).append("** (`").append(augmentationOf(variant)).append("`)\n\n");
                md.append("![Augmentation preview of ").append(variant).append("](").append(previewFile(variant))
                        .append(")\n\n");
            }
        }
        md.append("\n## The variants\n\n");
        List<List<String>> described = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            described.add(List.of(v.variant(), v.description()));
        }
        md.append(table(List.of("variant", "what it changes"), described));
        return md.toString();
    }

    private Map<String, String> settingsLines() {
        StudyResults.Settings s = settings();
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("budget", s.budget() + ", " + seeds(seeds()) + " (" + join(s.seeds()) + "), every variant with "
                + "every seed");
        lines.put("images", String.format(Locale.ROOT, "%,d training (class-balanced), %,d validation, %,d test",
                s.trainImages(), s.validationImages(), s.testImages()));
        lines.put("epochs", epochsLine(s.epochs()) + " (early-stopping variants may stop sooner)");
        lines.put("batch size", String.valueOf(s.batchSize()));
        lines.put("machine", s.machine() + "; " + s.software().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""));
        lines.put("date", LocalDate.now().toString());
        return lines;
    }

    private static String epochsLine(Map<String, Integer> epochs) {
        if (epochs.values().stream().distinct().count() == 1) {
            return String.valueOf(epochs.values().iterator().next());
        }
        StringBuilder line = new StringBuilder();
        epochs.forEach((variant, e) -> line.append(line.isEmpty() ? "" : ", ").append(variant).append(' ').append(e));
        return line.toString();
    }

    /** One sentence per variant against the baseline, from the numbers. */
    static String findings(StudyResults results) {
        StudyResults.VariantRecord baseline = results.variants().get(0);
        StringBuilder text = new StringBuilder();
        String tested = baseline.n() == 1 ? percent(baseline.mean()) + " with one seed"
                : String.format(Locale.ROOT, "%s (95%% interval %s) over %d seeds", percent(baseline.mean()),
                        interval(baseline.ci95Low(), baseline.ci95High()), baseline.n());
        text.append(String.format(Locale.ROOT, "- **%s** tested %s, with a final train − validation gap of %s.%n",
                baseline.variant(), tested, points(baseline.finalGap().mean())));
        for (StudyResults.VariantRecord v : results.variants().subList(1, results.variants().size())) {
            String verdict = v.verdict().equals(Statistics.Verdict.EFFECT.description())
                    ? (v.diffVsBaseline() > 0 ? "better than the baseline" : "worse than the baseline")
                    : v.verdict();
            text.append(String.format(Locale.ROOT, "- **%s**: %s test accuracy against the baseline%s. Its gap "
                    + "was %s (baseline %s).%n", v.variant(), difference(v), verdictClause(verdict),
                    points(v.finalGap().mean()), points(baseline.finalGap().mean())));
        }
        return text.toString();
    }

    private List<List<String>> accuracyRows() {
        List<List<String>> rows = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            List<StudyRunner.FinishedRun> own = runsOf(v.variant());
            double epochs = own.stream().mapToInt(r -> r.result().epochs().size()).average().orElse(0);
            double seconds = own.stream().mapToDouble(StudyRunner.FinishedRun::wallSeconds).average().orElse(0);
            rows.add(List.of(v.variant(),
                    percent(v.mean()) + (v.sd() == null ? "" : " ± " + String.format(Locale.ROOT, "%.2f", 100 * v.sd())),
                    interval(v.ci95Low(), v.ci95High()),
                    percent(v.bestValidation().mean()),
                    points(v.finalGap().mean()),
                    epochs == Math.rint(epochs) ? String.valueOf((int) epochs)
                            : String.format(Locale.ROOT, "%.1f (mean)", epochs),
                    duration(seconds)));
        }
        return rows;
    }

    private List<List<String>> comparisonRows() {
        List<List<String>> rows = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants().subList(1, results.variants().size())) {
            StringBuilder tests = new StringBuilder();
            for (StudyResults.SeedTest t : v.mcNemar()) {
                tests.append(tests.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "seed %d: %d / %d, p %s",
                        t.seed(), t.b(), t.c(), pValue(t.pValue())));
            }
            rows.add(List.of(v.variant(), difference(v), v.verdict(), tests.toString()));
        }
        return rows;
    }

    private List<StudyRunner.FinishedRun> runsOf(String variant) {
        return runs.stream().filter(r -> r.run().variant().id().equals(variant)).toList();
    }

    private String augmentationOf(String variant) {
        return runsOf(variant).get(0).run().spec().training().augmentationText();
    }

    private java.awt.image.BufferedImage testAccuracyPlot() {
        List<IntervalPlot.Point> points = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            points.add(new IntervalPlot.Point(v.variant(), 100 * v.mean(),
                    v.ci95Low() == null ? Double.NaN : 100 * v.ci95Low(),
                    v.ci95High() == null ? Double.NaN : 100 * v.ci95High()));
        }
        return IntervalPlot.render(points, results.variants().get(0).variant(),
                "test accuracy (%), mean and 95% interval over " + seeds(seeds()), IntervalPlot.WIDTH,
                IntervalPlot.height(points.size()));
    }

    private java.awt.image.BufferedImage accuracyPlot() {
        List<BandPlot.Panel> panels = List.of(
                new BandPlot.Panel("training images: epoch", series(m -> 100 * m.trainAccuracy())),
                new BandPlot.Panel("validation images: epoch", series(m -> 100 * m.validationAccuracy())));
        return BandPlot.render("accuracy, mean ± 1 sd over " + seeds(seeds()), "accuracy (%)", panels,
                BandPlot.WIDTH, BandPlot.HEIGHT);
    }

    private java.awt.image.BufferedImage gapPlot() {
        List<BandPlot.Panel> panels = List.of(new BandPlot.Panel("epoch",
                series(m -> 100 * (m.trainAccuracy() - m.validationAccuracy()))));
        return BandPlot.render("training − validation accuracy, mean ± 1 sd over " + seeds(seeds()),
                "gap (percentage points)", panels, BandPlot.WIDTH, BandPlot.HEIGHT);
    }

    /**
     * Per variant, the mean and standard deviation over seeds of a per-epoch figure, for the epochs every seed
     * reached (early stopping ends some seeds sooner).
     */
    private List<BandPlot.Series> series(ToDoubleFunction<EpochMetrics> figure) {
        List<BandPlot.Series> series = new ArrayList<>();
        for (StudyResults.VariantRecord v : results.variants()) {
            List<VariantResult> own = runsOf(v.variant()).stream().map(StudyRunner.FinishedRun::result).toList();
            int epochs = own.stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
            double[] mean = new double[epochs];
            double[] sd = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                final int epoch = e;
                double[] values = own.stream().mapToDouble(r -> figure.applyAsDouble(r.epochs().get(epoch))).toArray();
                Statistics.Summary summary = Statistics.summarize(values);
                mean[e] = summary.mean();
                sd[e] = summary.sd();
            }
            series.add(new BandPlot.Series(v.variant(), mean, sd));
        }
        return series;
    }

    private List<String> f1Columns() {
        List<String> columns = new ArrayList<>();
        columns.add("class");
        for (StudyResults.VariantRecord v : results.variants()) {
            columns.add(v.variant());
        }
        return columns;
    }

    private List<List<String>> f1Rows() {
        List<List<String>> rows = new ArrayList<>();
        for (FashionMnistClass c : FashionMnistClass.values()) {
            List<String> row = new ArrayList<>();
            row.add(c.displayName());
            for (StudyResults.VariantRecord v : results.variants()) {
                double f1 = runsOf(v.variant()).stream()
                        .mapToDouble(r -> r.result().test().classes().get(c.label()).f1()).average().orElse(0);
                row.add(String.format(Locale.ROOT, "%.3f", f1));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The results as lines of text for the terminal: variant, mean test accuracy with its interval, and the
     * difference from the baseline with the verdict.
     */
    public String summaryText() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "test accuracy", "95% interval", "vs " + settings().baseline(), "verdict"));
        for (StudyResults.VariantRecord v : results.variants()) {
            boolean baseline = v.variant().equals(settings().baseline());
            rows.add(List.of(v.variant(), percent(v.mean()), interval(v.ci95Low(), v.ci95High()),
                    baseline ? "" : difference(v),
                    v.verdict()));
        }
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                text.append(c == 0 ? String.format("%-" + width[c] + "s", row.get(c))
                        : "  " + String.format("%-" + width[c] + "s", row.get(c)));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** The HTML page: the Markdown rendered with GitHub's table syntax, images embedded as data URIs. */
    static String toHtml(String markdown, Map<String, byte[]> images) {
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
        Parser parser = Parser.builder().extensions(extensions).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions)
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Image image && images.containsKey(image.getDestination())) {
                        attributes.put("src", "data:image/png;base64,"
                                + Base64.getEncoder().encodeToString(images.get(image.getDestination())));
                    }
                })
                .build();
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n");
        // The title is the Markdown's first heading, as text: commonmark's writer escapes it.
        HtmlWriter head = new HtmlWriter(page);
        head.tag("title");
        head.text(markdown.lines().findFirst().orElse("").replaceFirst("^# ", ""));
        head.tag("/title");
        head.line();
        return page + "<style>\n"
                + "body{font-family:sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222}\n"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px}\n"
                + "td{font-variant-numeric:tabular-nums}th{background:#f2f2f2}\n"
                + "pre{background:#f6f6f6;padding:8px;overflow-x:auto}img{max-width:100%}\n"
                + "blockquote{border-left:4px solid #e0a000;margin:1em 0;padding:0.2em 1em;background:#fff8e6}\n"
                + "</style>\n</head>\n<body>\n" + renderer.render(parser.parse(markdown)) + "</body>\n</html>\n";
    }

    /**
     * {@code ": verdict"} after a difference, or nothing where the verdict is that one seed has no interval: the
     * difference says so already.
     */
    static String verdictClause(String verdict) {
        return verdict.equals(Statistics.Verdict.NO_INTERVAL.description()) ? "" : ": " + verdict;
    }

    static String table(List<String> columns, List<List<String>> rows) {
        StringBuilder md = new StringBuilder("|");
        for (String c : columns) {
            md.append(' ').append(cell(c)).append(" |");
        }
        md.append("\n|");
        for (int i = 0; i < columns.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append('|');
            for (String c : row) {
                md.append(' ').append(cell(c)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String join(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    /** "1 seed", "3 seeds". */
    static String seeds(int n) {
        return n + (n == 1 ? " seed" : " seeds");
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String interval(Double low, Double high) {
        return low == null ? "(one seed)" : String.format(Locale.ROOT, "[%.2f, %.2f]%%", 100 * low, 100 * high);
    }

    private static String points(double fraction) {
        return Statistics.points(fraction) + " pt";
    }

    /** The variant's paired difference from the baseline with its interval, as {@link Statistics} writes it. */
    private static String difference(StudyResults.VariantRecord v) {
        return Statistics.formatDifference(v.diffVsBaseline(), orNaN(v.diffCi95Low()), orNaN(v.diffCi95High()));
    }

    static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
