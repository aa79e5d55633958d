package org.fmnist.examples.report;

import org.fmnist.data.io.AtomicFiles;
import org.nd4j.shade.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch metrics of a run as {@value #CSV} (for spreadsheets and plotting tools) and
 * {@value #JSON} (read back by {@code --resume}), both rewritten atomically after every epoch.
 */
public final class MetricsFiles {

    /** File name of the CSV table. */
    public static final String CSV = "metrics.csv";
    /** File name of the JSON array. */
    public static final String JSON = "metrics.json";
    /** The CSV header line; one row per epoch follows, in this column order. */
    public static final String CSV_HEADER = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
            + "train_seconds,elapsed_seconds,images_per_second";

    private MetricsFiles() {
    }

    /**
     * Writes {@value #CSV} and {@value #JSON} into a directory, each replaced atomically.
     *
     * @param dir    the run's output directory; created if missing
     * @param epochs every epoch so far, in order
     * @throws IOException if a file cannot be written
     */
    public static void write(Path dir, List<EpochMetrics> epochs) throws IOException {
        AtomicFiles.writeString(dir.resolve(CSV), toCsv(epochs));
        AtomicFiles.writeString(dir.resolve(JSON), Json.mapper().writeValueAsString(epochs) + "\n");
    }

    /**
     * Reads the epochs back from a {@value #JSON} file written by {@link #write}.
     *
     * @param json the file
     * @return the epochs, in file order
     * @throws IOException if it cannot be read or is not such a file
     */
    public static List<EpochMetrics> readJson(Path json) throws IOException {
        return List.copyOf(Json.mapper().readValue(Files.readString(json), new TypeReference<List<EpochMetrics>>() {
        }));
    }

    /**
     * The CSV table: {@link #CSV_HEADER}, then one row per epoch; numbers in plain decimal notation with
     * a dot, NaN for a diverged loss.
     *
     * @param epochs the rows, in order
     * @return the table with a trailing newline
     */
    public static String toCsv(List<EpochMetrics> epochs) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochMetrics m : epochs) {
            csv.append(m.epoch()).append(',')
                    .append(number(m.trainLoss(), 6)).append(',')
                    .append(number(m.trainAccuracy(), 6)).append(',')
                    .append(number(m.validationLoss(), 6)).append(',')
                    .append(number(m.validationAccuracy(), 6)).append(',')
                    .append(number(m.trainSeconds(), 3)).append(',')
                    .append(number(m.elapsedSeconds(), 3)).append(',')
                    .append(number(m.imagesPerSecond(), 1)).append('\n');
        }
        return csv.toString();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
