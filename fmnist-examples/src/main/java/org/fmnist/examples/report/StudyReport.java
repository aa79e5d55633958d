package org.fmnist.examples.report;

import org.fmnist.data.FashionMnistClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's report: {@value #MARKDOWN} and a self-contained {@value #HTML} (images embedded), with
 * the results table, the curve plots ({@value #ACCURACY_PNG}, {@value #LOSS_PNG}) and, where given,
 * the augmentation preview, all written into one directory.
 *
 * @param title    the report's heading
 * @param command  the command line that produced the results, shown so that they can be reproduced
 * @param settings what was held equal across variants (seed, budget, images...), in display order
 * @param variants the variants, in the order they ran, at least one
 * @param preview  the augmentation preview PNG to include, or null
 * @param previewSpec the augmentation spec the preview shows, or empty
 */
public record StudyReport(String title, String command, Map<String, String> settings, List<VariantResult> variants,
                          Path preview, String previewSpec) {

    /** File name of the Markdown report. */
    public static final String MARKDOWN = "report.md";
    /** File name of the HTML report. */
    public static final String HTML = "report.html";
    /** File name of the accuracy curves. */
    public static final String ACCURACY_PNG = "curves-accuracy.png";
    /** File name of the loss curves. */
    public static final String LOSS_PNG = "curves-loss.png";
    /** File name the augmentation preview is copied to. */
    public static final String PREVIEW_PNG = "augmentation-preview.png";

    /** Validates and copies the fields. */
    public StudyReport {
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("variants must hold at least one variant, held none");
        }
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        previewSpec = previewSpec == null ? "" : previewSpec;
    }

    /**
     * Writes the plots, the Markdown and the HTML report into a directory, each file atomically.
     *
     * @param dir the output directory; created if missing
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] accuracy = CurvePlot.toPng(CurvePlot.render(variants, CurvePlot.Metric.ACCURACY, CurvePlot.WIDTH, CurvePlot.HEIGHT));
        byte[] loss = CurvePlot.toPng(CurvePlot.render(variants, CurvePlot.Metric.LOSS, CurvePlot.WIDTH, CurvePlot.HEIGHT));
        AtomicFiles.writeBytes(dir.resolve(ACCURACY_PNG), accuracy);
        AtomicFiles.writeBytes(dir.resolve(LOSS_PNG), loss);
        byte[] previewBytes = null;
        if (preview != null) {
            previewBytes = Files.readAllBytes(preview);
            if (!preview.toAbsolutePath().normalize().equals(dir.resolve(PREVIEW_PNG).toAbsolutePath().normalize())) {
                AtomicFiles.writeBytes(dir.resolve(PREVIEW_PNG), previewBytes);
            }
        }
        AtomicFiles.writeString(dir.resolve(MARKDOWN), toMarkdown());
        AtomicFiles.writeString(dir.resolve(HTML), toHtml(accuracy, loss, previewBytes));
    }

    /** The results table's column headings. */
    static final List<String> COLUMNS = List.of("variant", "test accuracy", "best validation accuracy (epoch)",
            "final train − validation gap", "epochs", "wall time", "images/s");

    /** The results table: one row per variant, cells formatted for display, in {@link #COLUMNS} order. */
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        for (VariantResult v : variants) {
            EpochMetrics best = v.bestEpoch();
            String epochs = v.epochs().size() + (v.stoppedEarly() ? " (stopped early)" : "");
            if (v.testedEpoch() != v.epochs().size()) {
                epochs += ", tested epoch " + v.testedEpoch();
            }
            rows.add(List.of(
                    v.id(),
                    percent(v.test().accuracy()),
                    percent(best.validationAccuracy()) + " (" + best.epoch() + ")",
                    String.format(Locale.ROOT, "%+.2f pt", 100 * v.finalGap()),
                    epochs,
                    duration(v.wallSeconds()),
                    String.format(Locale.ROOT, "%.0f", v.imagesPerSecond())));
        }
        return rows;
    }

    /** The report as Markdown; images are referenced by file name, relative to the report. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("Made with:\n\n```\n").append(command).append("\n```\n\n");
        if (!settings.isEmpty()) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            md.append('\n');
        }
        md.append("## Results\n\n");
        md.append(markdownTable(COLUMNS, table()));
        md.append("\nThe gap is training minus validation accuracy after the last epoch, both measured in inference "
                + "mode; a large positive gap is over-fitting.\n\n");
        md.append("| variant | what it changes |\n|---|---|\n");
        for (VariantResult v : variants) {
            md.append("| ").append(v.id()).append(" | ").append(cell(describe(v))).append(" |\n");
        }
        md.append("\n## Curves\n\n");
        md.append("![Accuracy per epoch](").append(ACCURACY_PNG).append(")\n\n");
        md.append("![Loss per epoch](").append(LOSS_PNG).append(")\n\n");
        md.append("## Per-class F1 on the test split\n\n");
        md.append(markdownTable(f1Columns(), f1Rows()));
        if (preview != null) {
            md.append("\n## Augmentation preview\n\n");
            if (!previewSpec.isEmpty()) {
                md.append("`").append(previewSpec).append("`: each row is one test image, first the original, "
                        + "then random augmentations of it.\n\n");
            }
            md.append("![Augmentation preview](").append(PREVIEW_PNG).append(")\n");
        }
        return md.toString();
    }

    /**
     * The report as one HTML page with its images embedded, readable without the PNG files beside it.
     *
     * @param accuracyPng the accuracy plot
     * @param lossPng     the loss plot
     * @param previewPng  the augmentation preview, or null
     * @return the page
     */
    public String toHtml(byte[] accuracyPng, byte[] lossPng, byte[] previewPng) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f2f2}\n")
                .append("pre{background:#f6f6f6;padding:8px;overflow-x:auto}img{max-width:100%}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>Made with:</p>\n<pre>").append(escape(command)).append("</pre>\n");
        if (!settings.isEmpty()) {
            html.append("<ul>\n");
            for (Map.Entry<String, String> e : settings.entrySet()) {
                html.append("<li>").append(escape(e.getKey())).append(": ").append(escape(e.getValue())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<h2>Results</h2>\n").append(htmlTable(COLUMNS, table()));
        html.append("<p>The gap is training minus validation accuracy after the last epoch, both measured in "
                + "inference mode; a large positive gap is over-fitting.</p>\n");
        List<List<String>> described = new ArrayList<>();
        for (VariantResult v : variants) {
            described.add(List.of(v.id(), describe(v)));
        }
        html.append(htmlTable(List.of("variant", "what it changes"), described));
        html.append("<h2>Curves</h2>\n");
        html.append(image(accuracyPng, "Accuracy per epoch")).append(image(lossPng, "Loss per epoch"));
        html.append("<h2>Per-class F1 on the test split</h2>\n").append(htmlTable(f1Columns(), f1Rows()));
        if (previewPng != null) {
            html.append("<h2>Augmentation preview</h2>\n");
            if (!previewSpec.isEmpty()) {
                html.append("<p><code>").append(escape(previewSpec)).append("</code>: each row is one test image, "
                        + "first the original, then random augmentations of it.</p>\n");
            }
            html.append(image(previewPng, "Augmentation preview"));
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String describe(VariantResult v) {
        String text = v.description();
        if (!v.augmentation().isEmpty() && !text.contains(v.augmentation())) {
            text += (text.isEmpty() ? "" : "; ") + "augmentation " + v.augmentation();
        }
        return text;
    }

    private List<String> f1Columns() {
        List<String> columns = new ArrayList<>();
        columns.add("class");
        for (VariantResult v : variants) {
            columns.add(v.id());
        }
        return columns;
    }

    private List<List<String>> f1Rows() {
        List<List<String>> rows = new ArrayList<>();
        for (FashionMnistClass c : FashionMnistClass.values()) {
            List<String> row = new ArrayList<>();
            row.add(c.displayName());
            for (VariantResult v : variants) {
                row.add(String.format(Locale.ROOT, "%.3f", v.test().classes().get(c.label()).f1()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String markdownTable(List<String> columns, List<List<String>> rows) {
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

    private static String htmlTable(List<String> columns, List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (String c : columns) {
            html.append("<th>").append(escape(c)).append("</th>");
        }
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == 0 ? "<td>" : "<td class=\"n\">").append(escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String image(byte[] png, String alt) {
        return "<p><img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"></p>\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String duration(double seconds) {
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
