package org.fmnist.examples.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsFilesTest {

    private static final List<EpochMetrics> EPOCHS = List.of(
            new EpochMetrics(1, 0.5, 0.8125, 0.625, 0.75, 12.5, 14.25, 4400.0),
            new EpochMetrics(2, 0.25, 0.9, Double.NaN, 0.5, 12.0, 28.0, 4583.3333));

    @Test
    void csvHasOneRowPerEpochInHeaderOrder() {
        assertEquals(MetricsFiles.CSV_HEADER + "\n"
                        + "1,0.500000,0.812500,0.625000,0.750000,12.500,14.250,4400.0\n"
                        + "2,0.250000,0.900000,NaN,0.500000,12.000,28.000,4583.3\n",
                MetricsFiles.toCsv(EPOCHS));
    }

    @Test
    void jsonRoundTripsEveryField(@TempDir Path dir) throws IOException {
        MetricsFiles.write(dir, EPOCHS);
        assertEquals(EPOCHS, MetricsFiles.readJson(dir.resolve(MetricsFiles.JSON)));
        assertEquals(MetricsFiles.toCsv(EPOCHS), Files.readString(dir.resolve(MetricsFiles.CSV)));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void epochMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(0, 0.1, 0.5, 0.1, 0.5, 1, 1, 1));
        assertEquals("epoch must be at least 1, was 0", e.getMessage());
    }

    @Test
    void accuracyMustBeAFraction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(1, 0.1, 1.5, 0.1, 0.5, 1, 1, 1));
        assertEquals("trainAccuracy must be in [0, 1], was 1.5", e.getMessage());
    }

    @Test
    void lossMustNotBeNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(1, 0.1, 0.5, -0.1, 0.5, 1, 1, 1));
        assertEquals("validationLoss must be at least 0 or NaN, was -0.1", e.getMessage());
    }

    @Test
    void timesMustBeFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(1, 0.1, 0.5, 0.1, 0.5, Double.POSITIVE_INFINITY, 1, 1));
        assertEquals("trainSeconds must be finite and at least 0, was Infinity", e.getMessage());
    }
}
